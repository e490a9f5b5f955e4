using Letta.Cli;
using Letta.Plugins;
using Letta.Samples.EchoConnector.Api;
using Letta.Samples.EchoConnector.Cli;
using Letta.Samples.EchoConnector.Options;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Samples.EchoConnector;

/// <summary>
/// The plugin's entry point: the one public <see cref="ILettaPlugin"/> in the entry assembly. The host creates
/// it with this parameterless constructor, calls <see cref="ConfigureServices"/>, binds and validates the settings,
/// calls <see cref="MapEndpoints"/> and starts the hosted services <see cref="EchoServiceCollectionExtensions.AddEcho"/>
/// registered. Everything else in the plugin is internal.
/// </summary>
public sealed class EchoPlugin : ILettaPlugin
{
    /// <inheritdoc />
    public Type? SettingsType => typeof(EchoOptions);

    /// <inheritdoc />
    public IReadOnlyList<CliCommand> Commands => EchoCommands.All;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddEcho();

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapEcho();
}

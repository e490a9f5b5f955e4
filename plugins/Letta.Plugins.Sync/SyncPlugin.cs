using Letta.Cli;
using Letta.Plugins.Sync.Api;
using Letta.Plugins.Sync.Cli;
using Letta.Plugins.Sync.Options;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Sync;

/// <summary>Plugin <c>sync</c>: two-way sync of local category folders between devices through a cloud-drive folder.</summary>
public sealed class SyncPlugin : ILettaPlugin
{
    /// <inheritdoc />
    public Type? SettingsType => typeof(SyncOptions);

    /// <inheritdoc />
    public IReadOnlyList<CliCommand> Commands => SyncCommands.All;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddLettaSync();

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapSync();
}

using Letta.Cli;
using Letta.Plugins;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.Samples.EchoConnector;

/// <summary>
/// The plugin's entry point: the one public <see cref="ILettaPlugin"/> in the entry assembly. The host creates
/// it with this parameterless constructor, then calls <see cref="ConfigureServices"/>, validates the settings,
/// calls <see cref="MapEndpoints"/> and finally <see cref="StartAsync"/>.
/// </summary>
public sealed partial class EchoPlugin : ILettaPlugin
{
    /// <inheritdoc />
    public Type? SettingsType => typeof(EchoOptions);

    /// <inheritdoc />
    public IReadOnlyList<CliCommand> Commands => EchoCommands.All;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddEchoConnector();

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapEchoEndpoints();

    /// <inheritdoc />
    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Log through ILogger<T>: the host tags every line with the plugin id and writes it to its own sinks.
        ILogger logger = services.GetRequiredService<ILogger<EchoPlugin>>();
        int maxEvents = services.GetRequiredService<IOptions<EchoOptions>>().Value.MaxEvents;
        LogStarted(logger, maxEvents);
        return Task.CompletedTask;
    }

    // A source-generated log method: no boxing, and nothing is formatted when the level is off.
    [LoggerMessage(Level = LogLevel.Information, Message = "Echo connector started; keeping the last {MaxEvents} events")]
    private static partial void LogStarted(ILogger logger, int maxEvents);
}

using Letta.Cli;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins;

/// <summary>
/// The entry point of a Letta plugin. The host finds exactly one public, non-abstract implementation
/// in the plugin's entry assembly, creates it with its parameterless constructor and drives it through
/// configure → map endpoints → start → stop.
/// </summary>
/// <remarks>
/// Every step is contained by the host: an exception marks this plugin <see cref="PluginState.Faulted"/>
/// and leaves the host and every other plugin serving.
/// </remarks>
public interface ILettaPlugin
{
    /// <summary>
    /// Registers the plugin's services in its own container. The container already holds the forwarded
    /// host services: <c>ILogger&lt;T&gt;</c>, <see cref="Messaging.IMessageHub"/>, <see cref="IPluginContext"/>,
    /// <c>IHttpClientFactory</c>, <see cref="TimeProvider"/> and <c>IChatClient</c>. Hub handlers and
    /// FluentValidation validators in the entry assembly are registered by the host's scan.
    /// </summary>
    /// <param name="services">The plugin's own service collection.</param>
    /// <param name="context">The plugin's id, data directory and settings.</param>
    void ConfigureServices(IServiceCollection services, IPluginContext context);

    /// <summary>
    /// Maps the plugin's HTTP endpoints. <paramref name="endpoints"/> is rooted at <c>/api/{pluginId}/</c>,
    /// already requires the API key, and resolves handler services from the plugin's container.
    /// </summary>
    /// <param name="endpoints">The route group of this plugin.</param>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Starts background work after the plugin's settings validated. Bounded by the host's start timeout.</summary>
    /// <param name="services">The plugin's service provider.</param>
    /// <param name="cancellationToken">Cancelled when the start times out or the host stops.</param>
    /// <returns>A task that completes when the plugin has started.</returns>
    Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops background work. The host disposes the plugin's hub subscriptions and container afterwards.</summary>
    /// <param name="services">The plugin's service provider.</param>
    /// <param name="cancellationToken">Cancelled when the stop times out.</param>
    /// <returns>A task that completes when the plugin has stopped.</returns>
    Task StopAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The type the plugin's <c>settings</c> object in <c>plugins.json</c> binds to, or <see langword="null"/>
    /// when it takes none. The host binds it, registers it as <c>IOptions&lt;T&gt;</c>/<c>IOptionsMonitor&lt;T&gt;</c>
    /// and validates it with every validator for it found in the entry assembly before start.
    /// </summary>
    Type? SettingsType => null;

    /// <summary>CLI verbs this plugin adds under <c>letta {pluginId} …</c>; each maps to one of its endpoints.</summary>
    IReadOnlyList<CliCommand> Commands => [];
}

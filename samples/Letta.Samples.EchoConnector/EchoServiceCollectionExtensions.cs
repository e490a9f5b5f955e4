using Letta.Samples.EchoConnector.Events;
using Letta.Samples.EchoConnector.Health;
using Letta.Samples.EchoConnector.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Letta.Samples.EchoConnector;

/// <summary>Registers the echo connector's services in a plugin container (or a test's container).</summary>
public static class EchoServiceCollectionExtensions
{
    /// <summary>
    /// Adds the event buffer, the start-up log and the health check. Not registered here, because the host does it:
    /// the settings (bound to <see cref="EchoPlugin.SettingsType"/> and validated), the message handlers and the
    /// settings validator (found in the entry assembly).
    /// </summary>
    /// <param name="services">The plugin's service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddEcho(this IServiceCollection services)
    {
        services.TryAddSingleton<EchoEventLog>();
        services.AddHostedService<EchoStartupLog>();
        services.AddHealthChecks().AddCheck<EchoHealthCheck>("echo");
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Letta.Samples.EchoConnector;

/// <summary>Registers the echo connector's services in a plugin container (or a test's container).</summary>
public static class EchoConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the event buffer and the health check. Message handlers and the settings validator are not
    /// registered here: the host finds them in the entry assembly itself.
    /// </summary>
    /// <param name="services">The plugin's service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddEchoConnector(this IServiceCollection services)
    {
        services.TryAddSingleton<EchoEventLog>();
        services.AddHealthChecks().AddCheck<EchoHealthCheck>("echo");
        return services;
    }
}

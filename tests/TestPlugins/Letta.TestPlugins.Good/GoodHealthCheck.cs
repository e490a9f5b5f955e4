using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Letta.TestPlugins.Good;

/// <summary>Healthy, or Degraded when the Greeting setting is "degraded".</summary>
public sealed class GoodHealthCheck(IOptionsMonitor<GoodOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(options.CurrentValue.Greeting == "degraded"
            ? HealthCheckResult.Degraded("greeting says degraded")
            : HealthCheckResult.Healthy("good is fine"));
}

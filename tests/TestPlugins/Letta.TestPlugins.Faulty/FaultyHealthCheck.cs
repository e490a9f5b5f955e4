using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.TestPlugins.Faulty;

/// <summary>Throws "health exploded" when throwIn is "health"; Healthy otherwise.</summary>
public sealed class FaultyHealthCheck(FaultyStep step) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        step.ThrowIf("health");
        return Task.FromResult(HealthCheckResult.Healthy());
    }
}

using Letta.Samples.EchoConnector.Events;
using Letta.Samples.EchoConnector.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Letta.Samples.EchoConnector.Health;

/// <summary>
/// Reports the connector healthy with its buffer fill level. The host runs it for <c>/health</c> and
/// <c>GET /api/plugins</c>. A real connector would check that its target answers and return Degraded or
/// Unhealthy with a reason a user can act on.
/// </summary>
/// <param name="log">The event buffer.</param>
/// <param name="options">The current settings.</param>
internal sealed class EchoHealthCheck(EchoEventLog log, IOptionsMonitor<EchoOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int kept = log.Count;
        int max = options.CurrentValue.MaxEvents;
        var data = new Dictionary<string, object> { ["events"] = kept, ["maxEvents"] = max };
        return Task.FromResult(HealthCheckResult.Healthy($"{kept} of {max} recent events kept", data));
    }
}

using Letta.Plugins.Sync.Hosting;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Cloud;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

using Letta.Plugins.Sync.Options;

namespace Letta.Plugins.Sync.Health;

/// <summary>Cloud folder reachable, marker valid, last run of every category recent and not failed.</summary>
internal sealed class SyncHealthCheck(SyncService sync, IOptionsMonitor<SyncOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        SyncEngineOptions engine = sync.EngineOptions;
        var layout = new CloudLayout(engine.CloudFolder);
        var data = new Dictionary<string, object> { ["cloudFolder"] = engine.CloudFolder };
        if (!Directory.Exists(engine.CloudFolder))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Cloud folder {engine.CloudFolder} is not reachable (not mounted?).", data: data));
        }

        SyncRootMarker? marker = SyncRootMarker.TryRead(layout);
        if (marker is null)
        {
            bool neverRan = sync.Status.All.Count == 0;
            return Task.FromResult(neverRan
                ? HealthCheckResult.Degraded("The sync set is not initialised yet (no run so far).", data: data)
                : HealthCheckResult.Unhealthy($"The cloud folder's marker {layout.MarkerPath} is missing or unreadable.", data: data));
        }

        TimeSpan stale = (options.CurrentValue.Interval + options.CurrentValue.Jitter) * 2;
        var problems = new List<string>();
        var absent = new List<string>();
        foreach (string category in sync.Categories)
        {
            CategoryStatus? s = sync.Status.Get(category);
            if (!Directory.Exists(engine.Categories[category].LocalPath) && s?.LastRunSucceeded != true)
            {
                absent.Add(category); // a default category this machine does not have: reported, not a fault
                continue;
            }

            if (s?.LastRunAt is null)
            {
                problems.Add($"{category}: never ran");
            }
            else if (s.LastRunSucceeded == false)
            {
                problems.Add($"{category}: last run failed: {s.LastFailure}");
            }
            else if (clock.GetUtcNow() - s.LastRunAt > stale)
            {
                problems.Add($"{category}: last run {s.LastRunAt:u} is older than {stale.TotalHours:F1} h");
            }
        }

        data["absentCategories"] = string.Join(", ", absent);
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Cloud folder reachable, marker valid, recent runs succeeded.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}

using Letta.Host.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.Host.Plugins;

/// <summary>
/// Runs a plugin's health checks in its own container, with a timeout, and folds in recent hub handler failures.
/// A plugin that is not Active reports its state instead.
/// </summary>
internal sealed class PluginHealthEvaluator(MessageHub hub, TimeProvider timeProvider)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecentFailureWindow = TimeSpan.FromMinutes(5);

    public async Task<PluginHealthReport> EvaluateAsync(PluginRuntime runtime, CancellationToken cancellationToken)
    {
        if (!runtime.IsActive)
        {
            return new PluginHealthReport(runtime.State.ToString(), runtime.Reason, new Dictionary<string, PluginHealthEntry>());
        }

        HealthReport report;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CheckTimeout);
            report = await runtime.Services!.GetRequiredService<HealthCheckService>().CheckHealthAsync(timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a broken health check makes the plugin Unhealthy, never the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new PluginHealthReport(nameof(HealthStatus.Unhealthy), PluginGuard.Describe("A health check", ex), new Dictionary<string, PluginHealthEntry>());
        }

        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new PluginHealthEntry(e.Value.Status.ToString(), e.Value.Description ?? e.Value.Exception?.Message, e.Value.Duration.TotalMilliseconds));
        HealthStatus status = report.Status;
        string? description = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message}").FirstOrDefault();

        HubDiagnostics diagnostics = hub.GetDiagnostics(runtime.Id);
        if (status == HealthStatus.Healthy && diagnostics.LastHandlerFailureAt is { } lastFailure
            && timeProvider.GetUtcNow() - lastFailure < RecentFailureWindow)
        {
            status = HealthStatus.Degraded;
            description = $"{diagnostics.HandlerFailures} hub handler failure(s), the last at {lastFailure:u}; see the log for plugin {runtime.Id}.";
        }

        return new PluginHealthReport(status.ToString(), description, checks);
    }
}

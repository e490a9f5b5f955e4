using Letta.Host.Messaging;
using Letta.Plugins;

namespace Letta.Host.Plugins;

/// <summary>
/// Re-evaluates every plugin's health on an interval and publishes <see cref="PluginHealthChanged"/> when a
/// plugin's status changes, so a monitor plugin can react without polling.
/// </summary>
internal sealed class PluginHealthMonitor(
    PluginCatalog catalog,
    PluginHealthEvaluator evaluator,
    MessageHub hub,
    TimeProvider timeProvider,
    ILogger<PluginHealthMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, string> _lastStatus = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using PluginMessageHub publisher = hub.ForPlugin("host");
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            await CheckOnceAsync(publisher, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task CheckOnceAsync(PluginMessageHub publisher, CancellationToken cancellationToken)
    {
        foreach (PluginRuntime runtime in catalog.All.Where(r => r.Manifest is not null && r.State != PluginState.Conflict))
        {
            PluginHealthReport report = await evaluator.EvaluateAsync(runtime, cancellationToken).ConfigureAwait(false);
            string previous = _lastStatus.GetValueOrDefault(runtime.Id, "Unknown");
            if (previous == report.Status)
            {
                continue;
            }

            _lastStatus[runtime.Id] = report.Status;
            if ((previous != "Unknown" || report.Status != "Healthy") && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Plugin {PluginId} health changed from {Previous} to {Status}: {Description}", runtime.Id, previous, report.Status, report.Description);
            }

            await publisher.PublishAsync(new PluginHealthChanged(runtime.Id, previous, report.Status, report.Description, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Letta.Plugins.Sync.Options;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>Full sync of every category on a schedule (default hourly), each wait jittered by ± <see cref="SyncOptions.Jitter"/>.</summary>
internal sealed class SyncScheduler(SyncService sync, IOptionsMonitor<SyncOptions> options, TimeProvider clock, ILogger<SyncScheduler> logger) : BackgroundService
{
    /// <summary>The first run waits a little so the host finishes starting first.</summary>
    private static readonly TimeSpan s_initialDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan delay = s_initialDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            SyncOptions current = options.CurrentValue;
            if (current.ScheduleEnabled)
            {
                try
                {
                    await sync.RunAsync(null, dryRun: false, force: false, progress: null, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
#pragma warning disable CA1031 // a failed scheduled run is logged and retried at the next interval, never fatal
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.LogError(e, "Scheduled sync failed");
                }
            }

            delay = NextDelay(current.Interval, current.Jitter, Random.Shared.NextDouble());
        }
    }

    /// <summary>interval ± jitter, never below one minute.</summary>
    internal static TimeSpan NextDelay(TimeSpan interval, TimeSpan jitter, double random01)
    {
        TimeSpan d = interval + (jitter * ((random01 * 2) - 1));
        return d < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : d;
    }
}

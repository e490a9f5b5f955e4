using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>
/// Runs a category once things have been quiet for a while: every trigger restarts that category's timer. Shared by
/// the watchers of the local folders and of the cloud folder; a failed run is logged (the schedule retries).
/// </summary>
internal sealed partial class DebouncedRuns(SyncService sync, ILogger logger, string trigger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Timer> _timers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public void Trigger(string category, TimeSpan quiet)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        Timer timer = _timers.GetOrAdd(category, c => new Timer(_ => _ = RunAsync(c), null, Timeout.Infinite, Timeout.Infinite));
        timer.Change(quiet, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops every pending run; safe to call twice (a hosted service's stop, then its container's disposal).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        foreach (Timer timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
        _stopping.Dispose();
    }

    private async Task RunAsync(string category)
    {
        try
        {
            await sync.RunAsync(category, dryRun: false, force: false, progress: null, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // stopped while the timer fired
        }
#pragma warning disable CA1031 // a failed triggered run is logged; the schedule retries
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e, trigger, category);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Trigger}-triggered sync of {Category} failed")]
    private partial void LogFailed(Exception exception, string trigger, string category);
}

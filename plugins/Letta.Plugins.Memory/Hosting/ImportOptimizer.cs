using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Memory.Hosting;

/// <summary>
/// Runs the store's post-import optimisation (PostgreSQL <c>VACUUM (ANALYZE)</c>) in the background, so the import
/// request answers as soon as its data is committed and searchable; the vacuum only merges GIN pending lists and
/// refreshes statistics, which autovacuum would also do later. One run at a time: requests arriving during a run
/// coalesce into one more run after it. Cancelled and awaited when the plugin's container is disposed.
/// </summary>
internal sealed partial class ImportOptimizer(IMemoryStore store, ILogger<ImportOptimizer> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _again;
    private bool _disposed;

    /// <summary>Schedules one optimisation; returns at once.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (!_running.IsCompleted)
            {
                _again = true;
                return;
            }

            _running = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                var started = TimeProvider.System.GetTimestamp();
                await store.OptimizeAsync(_stopping.Token);
                var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
                LogFinished(logger, store.Provider, seconds);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed vacuum must not take the plugin down; autovacuum covers it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex, store.Provider);
            }

            lock (_gate)
            {
                if (!_again || _disposed)
                {
                    return;
                }

                _again = false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            _disposed = true;
            running = _running;
        }

        await _stopping.CancelAsync();
        await running;
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post-import optimisation of the {Provider} store finished in {Seconds:F1} s.")]
    private static partial void LogFinished(ILogger logger, string provider, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post-import optimisation of the {Provider} store failed; autovacuum will catch up.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string provider);
}

using System.Threading.Channels;
using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Tasks.Hosting;

/// <summary>
/// Background work: watches the task folder (debounced reload and merge when another device's write lands),
/// re-checks it on a timer because watchers miss events, and archives old completed tasks at start and on schedule.
/// </summary>
internal sealed partial class TaskBoardWorker(TaskBoard board, IOptions<TasksOptions> options, TimeProvider time, ILogger<TaskBoardWorker> logger) : IHostedService, IAsyncDisposable
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private FileSystemWatcher? _watcher;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await board.EnsureLoadedAsync(cancellationToken);
            await ArchiveDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BoardBusyException or BoardReadOnlyException)
        {
            // The health check reports it; the loop keeps retrying.
            logger.LogError("Task board not loaded at start: {Reason}", ex.Message);
        }

        StartWatcher();
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }

        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stop?.Dispose();
    }

    private void StartWatcher()
    {
        try
        {
            Directory.CreateDirectory(board.Settings.Folder);
            _watcher = new FileSystemWatcher(board.Settings.Folder, "*.json")
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            FileSystemEventHandler onChange = (_, _) => _signals.Writer.TryWrite(true);
            _watcher.Changed += onChange;
            _watcher.Created += onChange;
            _watcher.Deleted += onChange;
            _watcher.Renamed += (_, _) => _signals.Writer.TryWrite(true);
            _watcher.Error += (_, e) =>
            {
                logger.LogWarning(e.GetException(), "Task folder watcher failed; relying on the periodic check");
                _signals.Writer.TryWrite(true);
            };
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            logger.LogWarning(ex, "Cannot watch {Folder}; relying on the periodic check", board.Settings.Folder);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        TasksOptions o = options.Value;
        DateTimeOffset nextArchive = time.GetUtcNow() + o.ArchiveInterval;
        while (!ct.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(o.SyncInterval);
            bool signalled = false;
            try
            {
                signalled = await _signals.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (signalled)
            {
                // Debounce: a cloud client or another host often writes in bursts.
                await Task.Delay(o.WatchDebounce, time, ct);
                while (_signals.Reader.TryRead(out _))
                {
                }
            }

            await GuardAsync(() => board.SyncAsync(ct), "sync");
            if (time.GetUtcNow() >= nextArchive)
            {
                nextArchive = time.GetUtcNow() + o.ArchiveInterval;
                await GuardAsync(() => ArchiveDueAsync(ct), "archive");
            }
        }
    }

    private async Task ArchiveDueAsync(CancellationToken ct)
    {
        var archived = await board.ArchiveAsync(null, null, ct);
        if (archived.Count > 0)
        {
            LogArchived(logger, archived.Count, options.Value.ArchiveAfterDays);
        }
    }

    private async Task GuardAsync(Func<Task> work, string what)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // background work must survive a bad file or a busy folder; health reports it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning("Task board background {What} failed: {Reason}", what, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived {Count} completed tasks older than {Days} days")]
    private static partial void LogArchived(ILogger logger, int count, int days);
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>
/// Watches each category root and runs that category after <see cref="SyncOptions.WatchDebounce"/> of quiet.
/// Watchers miss events (and Linux needs one inotify watch per directory), so the schedule's full runs stay the
/// safety net; a watcher error triggers a full run of its category.
/// </summary>
internal sealed class SyncWatcher(SyncService sync, IOptionsMonitor<SyncOptions> options, ILogger<SyncWatcher> logger) : IHostedService, IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly DebouncedRuns _runs = new(sync, logger, "Watcher");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.WatchFiles)
        {
            return Task.CompletedTask;
        }

        foreach ((string name, SyncCategory category) in sync.EngineOptions.Categories)
        {
            if (!Directory.Exists(category.LocalPath))
            {
                logger.LogWarning("Not watching {Category}: {Path} does not exist", name, category.LocalPath);
                continue;
            }

            try
            {
                var watcher = new FileSystemWatcher(category.LocalPath) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
                FileSystemEventHandler onChange = (_, e) => OnChange(name, e.FullPath);
                watcher.Changed += onChange;
                watcher.Created += onChange;
                watcher.Deleted += onChange;
                watcher.Renamed += (_, e) => OnChange(name, e.FullPath);
                watcher.Error += (_, e) =>
                {
                    logger.LogWarning(e.GetException(), "Watcher for {Category} overflowed or failed; running a full sync", name);
                    Trigger(name);
                };
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                logger.LogWarning(e, "Cannot watch {Category} (inotify limit?); relying on the schedule", name);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (FileSystemWatcher w in _watchers)
        {
            w.Dispose();
        }

        _watchers.Clear();
        _runs.Dispose();
    }

    private void OnChange(string category, string fullPath)
    {
        string name = Path.GetFileName(fullPath);
        if (name.EndsWith(SyncPaths.LocalTempSuffix, StringComparison.Ordinal) || name == SyncPaths.LocalMarkerName)
        {
            return; // our own temp files and marker
        }

        Trigger(category);
    }

    private void Trigger(string category) => _runs.Trigger(category, options.CurrentValue.WatchDebounce);
}

using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>
/// Pulls within seconds of another device publishing, not at the hourly schedule: a watcher on the cloud folder's
/// <c>manifests/</c> (iCloud raises file events as it downloads), with a cheap poll of the same folder every
/// <see cref="SyncOptions.CloudPollInterval"/> as the fallback for drives that raise none. A change runs its category
/// after <see cref="SyncOptions.CloudDebounce"/> of quiet. This device's own manifest is never a trigger.
/// </summary>
internal sealed partial class CloudWatcher(SyncService sync, IOptionsMonitor<SyncOptions> options, ILogger<CloudWatcher> logger) : IHostedService, IDisposable
{
    private readonly DebouncedRuns _runs = new(sync, logger, "Cloud");
    private readonly Lock _lock = new();
    private FileSystemWatcher? _watcher;
    private Timer? _poll;
    private ManifestSnapshot _seen = new();
    private string? _ownId;

    private string ManifestsDirectory => Path.Combine(new CloudLayout(sync.EngineOptions.CloudFolder).Root, "manifests");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        SyncOptions current = options.CurrentValue;
        if (!current.WatchCloud)
        {
            return Task.CompletedTask;
        }

        _seen = ManifestSnapshot.Take(ManifestsDirectory, OwnId());
        TryWatch();
        if (current.CloudPollInterval > TimeSpan.Zero)
        {
            _poll = new Timer(_ => Poll(), null, current.CloudPollInterval, current.CloudPollInterval);
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
        _poll?.Dispose();
        _poll = null;
        _watcher?.Dispose();
        _watcher = null;
        _runs.Dispose();
    }

    /// <summary>Compares the manifests folder with the last look; runs the categories another device published to.</summary>
    private void Poll()
    {
        try
        {
            TryWatch(); // the folder may have appeared since the start (a device that joins)
            ManifestSnapshot now = ManifestSnapshot.Take(ManifestsDirectory, OwnId());
            List<string> changed;
            lock (_lock)
            {
                changed = now.ChangedSince(_seen).ToList();
                _seen = now;
            }

            foreach (string category in changed)
            {
                Trigger(category);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogPollFailed(e);
        }
    }

    private void TryWatch()
    {
        string dir = ManifestsDirectory;
        if (_watcher is not null || !Directory.Exists(dir))
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(dir, "*.json.gz") { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            FileSystemEventHandler onChange = (_, e) => OnManifest(e.FullPath);
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Renamed += (_, e) => OnManifest(e.FullPath);
            watcher.Error += (_, _) => Poll();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            LogCannotWatch(e, dir);
        }
    }

    private void OnManifest(string fullPath)
    {
        string? categoryDir = Path.GetDirectoryName(fullPath);
        if (categoryDir is null || Path.GetFileName(fullPath) == OwnId() + ".json.gz")
        {
            return;
        }

        Trigger(Path.GetFileName(categoryDir));
    }

    private void Trigger(string category)
    {
        if (sync.Categories.Contains(category))
        {
            _runs.Trigger(category, options.CurrentValue.CloudDebounce);
        }
    }

    /// <summary>This device's id once it has one (read, never created here).</summary>
    private string? OwnId()
    {
        if (_ownId is null)
        {
            Engine.SyncEngineOptions engine = sync.EngineOptions;
            _ownId = DeviceIdentity.TryLoad(engine.StateDirectory, engine.DeviceName, engine.MachineId)?.Id;
        }

        return _ownId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the cloud folder's manifests failed; the next poll tries again")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Directory}; polling it instead")]
    private partial void LogCannotWatch(Exception exception, string directory);
}

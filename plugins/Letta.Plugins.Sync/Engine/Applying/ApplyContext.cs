using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>What every stage of carrying out one run's plan shares: the category, its tree, the cloud, the rows.</summary>
internal sealed class ApplyContext(SyncCategory category, DeviceIdentity self, BlobStore blobs, VersionsFolder versions, RowRecorder rows,
    SyncEngineOptions options, SyncRunResult result, string snapshotDirectory, CategoryLock? categoryLock, Action<string>? progress)
{
    private readonly Lock _renewLock = new();
    private readonly Dictionary<string, WantedBlob> _wanted = new(StringComparer.Ordinal);

    public SyncCategory Category { get; } = category;

    public LocalTree Tree { get; } = new(category, options.Clock, self);

    public DeviceIdentity Self { get; } = self;

    public BlobStore Blobs { get; } = blobs;

    public VersionsFolder Versions { get; } = versions;

    public RowRecorder Rows { get; } = rows;

    public SyncEngineOptions Options { get; } = options;

    public SyncRunResult Result { get; } = result;

    /// <summary>Outside the category root: unit tarballs and database snapshots of this run.</summary>
    public string SnapshotDirectory { get; } = snapshotDirectory;

    public void Crash(CrashPoint point, string? path) => Options.Faults.Crash(point, path);

    /// <summary>A progress line every 1,000 files of a long stage, keeping the category lock alive meanwhile.</summary>
    public void Progress(string stage, int done, int total)
    {
        if (done % 1000 != 0)
        {
            return;
        }

        progress?.Invoke($"{Category.Name}: {stage} {done}/{total}");
        lock (_renewLock)
        {
            categoryLock?.Renew();
        }
    }

    /// <summary>Content this run's pulls could not get from the cloud folder (missing or damaged there).</summary>
    public IReadOnlyCollection<WantedBlob> Wanted
    {
        get
        {
            lock (_wanted)
            {
                return [.. _wanted.Values];
            }
        }
    }

    /// <summary>Runs one path's operation; a file-system or cloud failure is reported for that path, the run goes on.</summary>
    public bool Guarded(PlanItem item, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            lock (Result.Errors)
            {
                Result.Errors.Add(new ScanIssue(item.Key, e is BlobCorruptException ? "blob-unavailable" : "error", e.Message + " (retried next run)"));
            }

            if (e is BlobCorruptException { Sha: string sha })
            {
                lock (_wanted)
                {
                    _wanted.TryAdd(sha, new WantedBlob(sha, item.Target?.Sha == sha ? item.Target.Size : -1, item.Key));
                }
            }

            return false;
        }
    }
}

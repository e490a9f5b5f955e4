using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Carries out a plan. Uploads happen before anything is recorded or published; every local write is
/// verify → temp file beside the target → re-check the target did not change since the scan → (keep the old copy
/// in versions) → rename; each path is recorded in state.db after its operation completed. A crash at any point
/// leaves every file old or new, and the next run converges.
/// </summary>
internal sealed partial class SyncExecutor
{
    private const int CommitEvery = 2048;

    private readonly SyncCategory _category;
    private readonly string _root;
    private readonly DeviceIdentity _self;
    private readonly BlobStore _blobs;
    private readonly VersionsFolder _versions;
    private readonly StateBatch _batch;
    private readonly SyncEngineOptions _options;
    private readonly SyncRunResult _result;
    private readonly Action<string>? _progress;
    private readonly Lock _gate = new();
    private readonly Lock _renewGate = new();
    private readonly string _snapshotDir;
    private readonly CategoryLock? _lock;

    public SyncExecutor(SyncCategory category, DeviceIdentity self, BlobStore blobs, VersionsFolder versions, StateBatch batch,
        SyncEngineOptions options, SyncRunResult result, string snapshotDir, CategoryLock? categoryLock, Action<string>? progress)
    {
        _category = category;
        _root = Path.GetFullPath(category.LocalPath);
        _self = self;
        _blobs = blobs;
        _versions = versions;
        _batch = batch;
        _options = options;
        _result = result;
        _snapshotDir = snapshotDir;
        _lock = categoryLock;
        _progress = progress;
    }

    /// <summary>Whether any base row changed (the manifest must be republished).</summary>
    public bool BaseChanged { get; private set; }

    public void Execute(List<PlanItem> plan, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan)
    {
        RemoveLeftovers(scan);
        Upload(plan);
        Commit();

        foreach (PlanItem item in plan.Where(p => p.Action is PlanAction.PushDelete or PlanAction.UpdateVersion or PlanAction.Converge))
        {
            RecordBase(item.Key, rows, item.Target!, item.Action == PlanAction.Converge ? item.Local : null, keepLocalCache: item.Action == PlanAction.UpdateVersion);
            if (item.Action == PlanAction.PushDelete)
            {
                _result.FilesDeleted++;
            }
        }

        // Deletions first, so a path that turned from a file into a directory (or back) can be created afterwards.
        foreach (PlanItem item in plan.Where(p => p.Action == PlanAction.DeleteLocal))
        {
            Guarded(item, () => DeleteLocal(item, rows));
        }

        RevertLocalOnly(plan);

        int done = 0;
        List<PlanItem> applies = plan.Where(p => p.Action == PlanAction.Pull || (p.IsConflict && p.Action is PlanAction.Push or PlanAction.Converge or PlanAction.UpdateVersion)).ToList();
        foreach (PlanItem item in applies)
        {
            Guarded(item, () => Apply(item, rows));
            if (++done % 1000 == 0)
            {
                _progress?.Invoke($"{_category.Name}: applied {done}/{applies.Count}");
                _lock?.Renew();
            }
        }

        CapConflictCopies(plan, rows, scan);
        UpdateLocalCache(plan, rows, scan);
        CollectTombstones(rows);
        Commit();
    }

    private void Guarded(PlanItem item, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            _result.Errors.Add(new ScanIssue(item.Key, e is BlobCorruptException ? "blob-unavailable" : "error", e.Message + " (retried next run)"));
        }
    }

    private void RemoveLeftovers(LocalScan scan)
    {
        foreach (string leftover in scan.Leftovers)
        {
            try
            {
                if (Directory.Exists(leftover))
                {
                    Directory.Delete(leftover, recursive: true);
                }
                else
                {
                    File.Delete(leftover);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private void Crash(CrashPoint point, string? path) => _options.CrashHook?.Invoke(point, path);

    private void Commit()
    {
        lock (_gate)
        {
            _batch.Commit();
        }

        Crash(CrashPoint.AfterCommit, null);
    }

    /// <summary>Writes a row; <paramref name="recorded"/>: it is a new base (to publish, and not to touch again this run).</summary>
    private void Write(StateRow row, bool recorded)
    {
        lock (_gate)
        {
            if (recorded)
            {
                _recorded.Add(row.Path);
                BaseChanged = true;
            }

            _batch.Upsert(row);
            if (_batch.Pending >= CommitEvery)
            {
                _batch.Commit();
            }
        }
    }

    private string Full(string relative) => SyncPaths.ToFull(_root, relative);
}

using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Every row a run writes to state.db: a path is recorded only after its operation completed, rows are committed in
/// groups (a crash loses at most the uncommitted group, which the next run sees as "same content on both sides" and
/// converges). While uploads run, their rows go to a background writer (<see cref="RowWriter"/>).
/// </summary>
internal sealed class RowRecorder(StateBatch batch, SyncEngineOptions options)
{
    public const int CommitEvery = 2048;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);
    private RowWriter? _writer;

    /// <summary>Whether any base row changed (the manifest must be republished).</summary>
    public bool BaseChanged { get; private set; }

    /// <summary>Rows written so far this run (null: deleted), newest per path.</summary>
    public IReadOnlyDictionary<string, StateRow?> Changes => batch.Changes;

    /// <summary>Whether the path got a new base this run (so later stages leave it alone).</summary>
    public bool WasRecorded(string path)
    {
        lock (_lock)
        {
            return _recorded.Contains(path);
        }
    }

    /// <summary>The row of <paramref name="path"/> as it stands now in this run.</summary>
    public StateRow? Current(string path, IReadOnlyDictionary<string, StateRow> rows)
    {
        lock (_lock)
        {
            return batch.Changes.TryGetValue(path, out StateRow? changed) ? changed : rows.GetValueOrDefault(path);
        }
    }

    /// <summary>From now until <see cref="EndUploads"/>, base rows go to a background writer.</summary>
    public void BeginUploads() => _writer = new RowWriter(row => Write(row, recorded: true));

    /// <summary>Writes what the background writer holds; after a failure (<paramref name="completed"/> false) drops it, as a kill would.</summary>
    public void EndUploads(bool completed)
    {
        RowWriter? writer = _writer;
        if (writer is null)
        {
            return;
        }

        if (completed)
        {
            writer.Complete();
            _writer = null;
        }
        else
        {
            // Stays installed: a seal still running after a failure drops its rows instead of writing into a batch
            // that is about to be disposed, as after a kill.
            writer.Abandon();
        }
    }

    /// <summary>Records <paramref name="target"/> as the base of <paramref name="key"/>, with the local cache when known.</summary>
    public void RecordBase(string key, ManifestEntry target, FileStat? stat, string? localSha, bool racy, StateRow? keepCacheFrom = null)
    {
        var row = new StateRow
        {
            Path = key,
            HasBase = true,
            Sha = target.Deleted ? null : target.Sha,
            Size = target.Deleted ? 0 : target.Size,
            MtimeNs = target.Deleted ? 0 : target.MtimeNs,
            Blob = target.Deleted ? null : target.Blob ?? target.Sha,
            Author = target.Author,
            Deleted = target.Deleted,
            DeletedAt = target.Deleted ? target.DeletedAt : 0,
            VersionText = target.Version, // already canonical: no parse/format round trip per file
            Flags = (target.IsDirectory ? StateRowFlags.Directory : StateRowFlags.None)
                | (target.Deleted && target.Forced ? StateRowFlags.ForcedDeletion : StateRowFlags.None),
        };

        if (keepCacheFrom is not null)
        {
            row.LocalSize = keepCacheFrom.LocalSize;
            row.LocalMtimeNs = keepCacheFrom.LocalMtimeNs;
            row.LocalFileId = keepCacheFrom.LocalFileId;
            row.LocalSha = keepCacheFrom.LocalSha;
        }
        else if (stat is { } s && localSha is not null && s.Size >= 0)
        {
            row.LocalSize = racy ? -1 : s.Size;
            row.LocalMtimeNs = s.MtimeNs;
            row.LocalFileId = s.FileId;
            row.LocalSha = localSha;
        }

        RowWriter? writer = _writer;
        if (writer is not null)
        {
            writer.Add(row);
        }
        else
        {
            Write(row, recorded: true);
        }
    }

    /// <summary>Records the plan item's target as the base: with the local cache of the file, or the old row's cache.</summary>
    public void RecordBase(PlanItem item, IReadOnlyDictionary<string, StateRow> rows)
    {
        rows.TryGetValue(item.Key, out StateRow? old);
        if (item.Action == PlanAction.UpdateVersion && old is not null)
        {
            RecordBase(item.Key, item.Target!, null, null, racy: false, keepCacheFrom: old);
        }
        else
        {
            LocalFile? local = item.Action == PlanAction.Converge ? item.Local : null;
            RecordBase(item.Key, item.Target!, local?.Stat, local?.Sha, local?.Racy ?? false);
        }
    }

    /// <summary>Caches the hash of files that were hashed but whose base did not change (a touch, an unpublished edit).</summary>
    public void UpdateLocalCache(List<PlanItem> plan, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan)
    {
        var skipped = new HashSet<string>(plan.Where(p => p.Action == PlanAction.Skip).Select(p => p.Key), StringComparer.Ordinal);
        foreach (LocalFile file in scan.Files.Values)
        {
            if (!file.StatChanged || file.Sha is null || file.Unavailable || WasRecorded(file.Key) || skipped.Contains(file.Key))
            {
                continue;
            }

            StateRow row = rows.TryGetValue(file.Key, out StateRow? old) ? old.Clone() : new StateRow { Path = file.Key };
            row.LocalSize = file.Racy ? -1 : file.Stat.Size;
            row.LocalMtimeNs = file.Stat.MtimeNs;
            row.LocalFileId = file.Stat.FileId;
            row.LocalSha = file.Sha;
            Write(row, recorded: false);
        }
    }

    /// <summary>Tombstones are published for the retention period (≥ 90 days), then forgotten.</summary>
    public void CollectTombstones(IReadOnlyDictionary<string, StateRow> rows)
    {
        long cutoff = (options.Clock.GetUtcNow() - options.TombstoneRetention).ToUnixTimeSeconds();
        foreach (StateRow row in rows.Values)
        {
            if (row.HasBase && row.Deleted && row.DeletedAt < cutoff && !WasRecorded(row.Path))
            {
                lock (_lock)
                {
                    batch.Delete(row.Path);
                    BaseChanged = true;
                }
            }
        }
    }

    public void Commit()
    {
        lock (_lock)
        {
            batch.Commit();
        }

        options.Faults.Crash(CrashPoint.AfterCommit);
    }

    /// <summary>Writes a row; <paramref name="recorded"/>: it is a new base (to publish, and not to touch again this run).</summary>
    private void Write(StateRow row, bool recorded)
    {
        lock (_lock)
        {
            if (recorded)
            {
                _recorded.Add(row.Path);
                BaseChanged = true;
            }

            batch.Upsert(row);
            if (batch.Pending >= CommitEvery)
            {
                batch.Commit();
            }
        }
    }
}

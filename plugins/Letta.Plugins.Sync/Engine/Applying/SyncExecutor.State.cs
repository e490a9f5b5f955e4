using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

internal sealed partial class SyncExecutor
{
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);
    private RowWriter? _writer;
    private int _sent;

    /// <summary>Records <paramref name="target"/> as the base of <paramref name="key"/>, with the local cache when known.</summary>
    private void RecordBase(string key, ManifestEntry target, FileStat? stat, string? localSha, bool racy, StateRow? keepCacheFrom = null)
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

        // While uploads run, the row goes to the background writer (see RowWriter); otherwise it is written now.
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

    private void RecordBase(string key, IReadOnlyDictionary<string, StateRow> rows, ManifestEntry target, LocalFile? local, bool keepLocalCache)
    {
        rows.TryGetValue(key, out StateRow? old);
        if (keepLocalCache && old is not null)
        {
            RecordBase(key, target, null, null, racy: false, keepCacheFrom: old);
        }
        else
        {
            RecordBase(key, target, local?.Stat, local?.Sha, local?.Racy ?? false);
        }
    }

    /// <summary>Caches the hash of files that were hashed but whose base did not change (a touch, an unpublished edit).</summary>
    private void UpdateLocalCache(List<PlanItem> plan, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan)
    {
        var skipped = new HashSet<string>(plan.Where(p => p.Action == PlanAction.Skip).Select(p => p.Key), StringComparer.Ordinal);
        foreach (LocalFile file in scan.Files.Values)
        {
            if (!file.StatChanged || file.Sha is null || file.Unavailable || _recorded.Contains(file.Key) || skipped.Contains(file.Key))
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
    private void CollectTombstones(IReadOnlyDictionary<string, StateRow> rows)
    {
        long cutoff = (_options.Clock.GetUtcNow() - _options.TombstoneRetention).ToUnixTimeSeconds();
        foreach (StateRow row in rows.Values)
        {
            if (row.HasBase && row.Deleted && row.DeletedAt < cutoff && !_recorded.Contains(row.Path))
            {
                lock (_gate)
                {
                    _batch.Delete(row.Path);
                    BaseChanged = true;
                }
            }
        }
    }
}

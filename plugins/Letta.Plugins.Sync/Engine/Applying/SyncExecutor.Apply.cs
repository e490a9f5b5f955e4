using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

internal sealed partial class SyncExecutor
{
    private void Apply(PlanItem item, IReadOnlyDictionary<string, StateRow> rows)
    {
        bool localMoved = false;
        foreach (ConflictCopy copy in item.Copies.ToList())
        {
            if (copy.FromLocal)
            {
                string full = Full(item.Local!.DiskPath);
                if (!Unchanged(item.Local, full))
                {
                    throw new IOException("changed since the scan; the conflict is resolved next run");
                }

                if (copy.Discard || Exists(Full(copy.Path)))
                {
                    _versions.MoveIn(full, item.Key);
                }
                else
                {
                    Move(full, Full(copy.Path));
                    if (_category.Direction != SyncDirection.ReceiveOnly)
                    {
                        RecordBase(copy.Path, copy.Content, CurrentStat(Full(copy.Path)), copy.Content.Sha, racy: false);
                    }
                }

                localMoved = true;
            }
            else if (!copy.Discard)
            {
                rows.TryGetValue(copy.Path, out StateRow? existing);
                if (!(existing is { IsLive: true } && existing.Sha == copy.Content.Sha && Exists(Full(copy.Path))))
                {
                    FileStat stat = Download(copy.Path, copy.Path, copy.Content, expected: null);
                    RecordBase(copy.Path, copy.Content, stat, copy.Content.Sha, racy: false);
                    _result.FilesReceived++;
                }
            }

            if (!copy.Discard)
            {
                _result.Conflicts.Add((item.Key, copy.Path, item.OtherAuthor));
            }
        }

        if (item.Action == PlanAction.Pull)
        {
            FileStat stat = Download(item.Key, item.Local?.DiskPath ?? item.Key, item.Target!, localMoved ? null : item.Local);
            RecordBase(item.Key, item.Target!, stat, item.Target!.Sha, racy: false);
            _result.FilesReceived++;
        }
    }

    /// <summary>
    /// Moves the local file of <paramref name="item"/> (with a database's -wal/-shm) into versions/, refusing with
    /// "<paramref name="refused"/>" when it changed since the scan or is a database in use. Returns its full path.
    /// </summary>
    private string MoveLocalToVersions(PlanItem item, string refused, string changedNote = "")
    {
        string full = Full(item.Local!.DiskPath);
        if (!Unchanged(item.Local, full))
        {
            throw new IOException($"changed since the scan; {refused}{changedNote}");
        }

        if (_category.Kind == SyncCategoryKind.Sqlite && SqliteSnapshot.InUse(full))
        {
            throw new IOException($"the database is in use (non-empty WAL); {refused}");
        }

        _versions.MoveIn(full, item.Key);
        if (_category.Kind == SyncCategoryKind.Sqlite)
        {
            SqliteSnapshot.RemoveCompanions(full);
        }

        return full;
    }

    private void DeleteLocal(PlanItem item, IReadOnlyDictionary<string, StateRow> rows)
    {
        string full = MoveLocalToVersions(item, "not deleted", changedNote: " (it wins next run)");
        Crash(CrashPoint.AfterApply, item.Key);
        RemoveEmptyParents(full);
        RecordBase(item.Key, item.Target!, null, null, racy: false);
        _result.FilesDeleted++;
        _ = rows;
    }

    /// <summary>Writes remote content to <paramref name="diskPath"/>: verify, temp beside it, re-check, keep old, rename.</summary>
    private FileStat Download(string key, string diskPath, ManifestEntry content, LocalFile? expected)
    {
        string full = Full(diskPath);
        EnsureParent(full, key);
        if (_category.Kind == SyncCategoryKind.Unit)
        {
            return DownloadUnit(key, full, content, expected);
        }

        if (Directory.Exists(full))
        {
            // A directory where the remote has a file: rename the local item, never delete recursively.
            string aside = Full(ConflictNames.For(key, _options.Clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, _self.ShortId));
            Directory.Move(full, aside);
            _result.Issues.Add(new ScanIssue(key, "type-conflict", $"A local directory was in the way of a remote file; it was renamed to '{Path.GetFileName(aside)}'."));
        }

        string tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{SyncPaths.LocalTempSuffix}");
        _blobs.CopyVerified(content.Blob ?? content.Sha!, tmp, _options.Durable);
        File.SetLastWriteTimeUtc(tmp, DateTime.UnixEpoch.AddTicks(content.MtimeNs / 100));
        Crash(CrashPoint.DownloadTempWritten, key);
        if (!Unchanged(expected, full))
        {
            File.Delete(tmp);
            throw new IOException("the local file changed since the scan; not overwritten (a conflict next run)");
        }

        if (_category.Kind == SyncCategoryKind.Sqlite && SqliteSnapshot.InUse(full))
        {
            File.Delete(tmp);
            throw new IOException("the database is in use (non-empty WAL); applied when the owning app has closed it");
        }

        if (File.Exists(full))
        {
            _versions.Preserve(full, key);
        }

        File.Move(tmp, full, overwrite: true);
        if (_category.Kind == SyncCategoryKind.Sqlite)
        {
            SqliteSnapshot.RemoveCompanions(full);
        }

        Crash(CrashPoint.AfterApply, key);
        return CurrentStat(full);
    }

    private FileStat DownloadUnit(string key, string full, ManifestEntry content, LocalFile? expected)
    {
        string name = Path.GetFileName(full);
        string staging = Path.Combine(_root, $".{name}.{Guid.NewGuid():N}{SyncPaths.LocalTempSuffix}");
        string tar = Path.Combine(_snapshotDir, $"unit-{Guid.NewGuid():N}.tar");
        Directory.CreateDirectory(_snapshotDir);
        try
        {
            _blobs.CopyVerified(content.Blob ?? content.Sha!, tar, durableTarget: false);
            UnitArchive.Extract(tar, staging);
        }
        finally
        {
            File.Delete(tar);
        }

        var rules = new IgnoreRules(_category.Include, _category.Exclude);
        if (UnitArchive.Hash(staging, rules, name) != content.Sha)
        {
            Directory.Delete(staging, recursive: true);
            throw new BlobCorruptException($"unit {key} does not match its hash");
        }

        Crash(CrashPoint.DownloadTempWritten, key);
        if (!Unchanged(expected, full))
        {
            Directory.Delete(staging, recursive: true);
            throw new IOException("the local unit changed since the scan; not replaced (a conflict next run)");
        }

        string? old = null;
        if (Directory.Exists(full))
        {
            // Renamed aside first: a crash between the two renames is undone by the next run's recovery.
            old = Path.Combine(_root, $".{name}.old-{Guid.NewGuid():N}{SyncPaths.LocalTempSuffix}");
            Directory.Move(full, old);
        }

        Directory.Move(staging, full);
        if (old is not null)
        {
            _versions.MoveIn(old, key);
        }

        Crash(CrashPoint.AfterApply, key);
        return UnitScanner.Signature(full, rules, name);
    }

    /// <summary>Creates the parent directories; a file in the way is renamed aside (a type conflict), never deleted.</summary>
    private void EnsureParent(string full, string key)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || Directory.Exists(parent))
        {
            return;
        }

        string relParent = Path.GetRelativePath(_root, parent);
        string current = _root;
        foreach (string segment in relParent.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            if (File.Exists(current))
            {
                string rel = Path.GetRelativePath(_root, current).Replace(Path.DirectorySeparatorChar, '/');
                string aside = Full(ConflictNames.For(rel, _options.Clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, _self.ShortId));
                File.Move(current, aside);
                _result.Issues.Add(new ScanIssue(rel, "type-conflict", $"A local file was in the way of remote directory content for '{key}'; it was renamed to '{Path.GetFileName(aside)}'."));
            }
        }

        Directory.CreateDirectory(parent);
    }

    private bool Unchanged(LocalFile? expected, string full)
    {
        if (expected is null)
        {
            return !Exists(full);
        }

        if (!Exists(full))
        {
            return false;
        }

        FileStat now = CurrentStat(full);
        return now.Size == expected.Stat.Size && now.MtimeNs == expected.Stat.MtimeNs && now.FileId == expected.Stat.FileId;
    }

    private FileStat CurrentStat(string full) => _category.Kind switch
    {
        SyncCategoryKind.Unit => UnitScanner.Signature(full, new IgnoreRules(_category.Include, _category.Exclude), Path.GetFileName(full)),
        SyncCategoryKind.Sqlite => SqliteSnapshot.Signature(full, NativeStat.Stat(full)),
        _ => NativeStat.Stat(full),
    };

    private static bool Exists(string full) => File.Exists(full) || Directory.Exists(full);

    private static void Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to, overwrite: false);
        }
    }

    private void RemoveEmptyParents(string full)
    {
        string? dir = Path.GetDirectoryName(full);
        while (dir is not null && dir.Length > _root.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            Directory.Delete(dir);
            dir = Path.GetDirectoryName(dir);
        }
    }
}

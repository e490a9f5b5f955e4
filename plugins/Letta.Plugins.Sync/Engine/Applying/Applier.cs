using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Applies what the cloud brought: pulls, local deletions, receive-only reverts, and conflicts. A conflict is done
/// in one order: every loser is made safe first (this device's file renamed to its conflict copy, or another device's
/// version downloaded as one), and only then is the path's new base recorded — the merged vector that tells the other
/// devices their versions are kept. A conflict that fails half way records nothing for the path and is done again.
/// </summary>
internal sealed class Applier(ApplyContext context, Downloader downloader)
{
    public void Apply(PlanItem item, IReadOnlyDictionary<string, StateRow> rows)
    {
        bool localMoved = false;
        foreach (ConflictCopy copy in item.Copies.ToList())
        {
            localMoved |= copy.FromLocal;
            KeepLoser(item, copy, rows);
        }

        switch (item.Action)
        {
            case PlanAction.Pull when item.Target!.IsDirectory:
                MakeDirectory(item);
                break;
            case PlanAction.Pull:
                FileStat stat = downloader.Download(item.Key, item.Local?.DiskPath ?? item.Key, item.Target!, localMoved ? null : item.Local);
                context.Rows.RecordBase(item.Key, item.Target!, stat, item.Target!.Sha, racy: false);
                context.Result.FilesReceived++;
                context.Result.BytesReceived += item.Target!.Size;
                break;
            case PlanAction.Push:
                // A conflict's push: its blob was uploaded, the copies now exist.
                context.Rows.RecordBase(item.Key, item.Target!, item.Local!.Stat, item.Local.Sha, item.Local.Racy);
                context.Result.FilesSent++;
                context.Result.BytesSent += item.Local.Stat.Size;
                break;
            case PlanAction.UpdateVersion or PlanAction.Converge:
                context.Rows.RecordBase(item, rows);
                break;
        }
    }

    /// <summary>The deleting device's tombstone arrived: the local file goes to versions, the tombstone becomes the base.</summary>
    public void DeleteLocal(PlanItem item)
    {
        if (item.Local!.IsDirectory)
        {
            DeleteDirectory(item);
            return;
        }

        string full = MoveLocalToVersions(item, "deleted", "not deleted", changedNote: " (it wins next run)");
        context.Crash(CrashPoint.AfterApply, item.Key);
        context.Tree.RemoveEmptyParents(full);
        context.Rows.RecordBase(item.Key, item.Target!, null, null, racy: false);
        context.Result.FilesDeleted++;
    }

    /// <summary>
    /// Receive-only revert (§12 #39): files that exist only here are moved to the versions folder. Nothing is
    /// recorded — the cluster never knew them — so no tombstone is published for a path no other device has.
    /// (Edited or deleted files are reverted by ordinary pulls, which keep the local copy in versions first.)
    /// </summary>
    public void RevertLocalOnly(PlanItem item)
    {
        string full = MoveLocalToVersions(item, "reverted", "not reverted");
        context.Tree.RemoveEmptyParents(full);
        context.Result.FilesDeleted++;
    }

    /// <summary>A synced directory that another device has: created here (a file in the way is moved aside, never deleted).</summary>
    private void MakeDirectory(PlanItem item)
    {
        LocalTree tree = context.Tree;
        string full = tree.Full(item.Local?.DiskPath ?? item.Key);
        tree.EnsureParent(full, item.Key, context.Result.Issues);
        if (File.Exists(full))
        {
            if (!tree.Unchanged(item.Local, full))
            {
                throw new IOException("changed since the scan; the directory is created next run");
            }

            LocalTree.Move(full, tree.Full(ConflictNames.For(item.Key, context.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, context.Self.ShortId, null)));
        }

        Directory.CreateDirectory(full);
        tree.Keep([item.Key]);
        context.Rows.RecordBase(item.Key, item.Target!, null, null, racy: false);
    }

    /// <summary>
    /// A directory deleted on another device: removed here when it is empty. One that holds files now (made here
    /// without seeing the deletion) stays, and is published again over the tombstone — a modification wins.
    /// </summary>
    private void DeleteDirectory(PlanItem item)
    {
        string full = context.Tree.Full(item.Local!.DiskPath);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            DateTimeOffset now = context.Options.Clock.GetUtcNow();
            context.Rows.RecordBase(item.Key, item.Target! with
            {
                Deleted = false,
                DeletedAt = 0,
                Forced = false,
                Author = context.Self.ShortId,
                Version = item.Target.Vector.Bump(context.Self.ShortId, now).ToString(),
            }, null, null, racy: false);
            return;
        }

        if (Directory.Exists(full))
        {
            Directory.Delete(full);
        }

        context.Crash(CrashPoint.AfterApply, item.Key);
        context.Tree.RemoveEmptyParents(full);
        context.Rows.RecordBase(item.Key, item.Target!, null, null, racy: false);
    }

    private void KeepLoser(PlanItem item, ConflictCopy copy, IReadOnlyDictionary<string, StateRow> rows)
    {
        LocalTree tree = context.Tree;
        if (copy.FromLocal)
        {
            string full = tree.Full(item.Local!.DiskPath);
            if (!tree.Unchanged(item.Local, full))
            {
                throw new IOException("changed since the scan; the conflict is resolved next run");
            }

            if (copy.Discard || LocalTree.Exists(tree.Full(copy.Path)))
            {
                context.Versions.MoveIn(full, item.Key, "conflict");
            }
            else
            {
                LocalTree.Move(full, tree.Full(copy.Path));
                if (context.Category.Direction != SyncDirection.ReceiveOnly)
                {
                    context.Rows.RecordBase(copy.Path, copy.Content, tree.Stat(tree.Full(copy.Path)), copy.Content.Sha, racy: false);
                }
            }
        }
        else if (!copy.Discard)
        {
            rows.TryGetValue(copy.Path, out StateRow? existing);
            if (!(existing is { IsLive: true } && existing.Sha == copy.Content.Sha && LocalTree.Exists(tree.Full(copy.Path))))
            {
                FileStat stat = downloader.Download(copy.Path, copy.Path, copy.Content, expected: null);
                context.Rows.RecordBase(copy.Path, copy.Content, stat, copy.Content.Sha, racy: false);
                context.Result.FilesReceived++;
                context.Result.BytesReceived += copy.Content.Size;
            }
        }

        if (!copy.Discard)
        {
            context.Result.Conflicts.Add((item.Key, copy.Path, item.OtherAuthor));
        }
    }

    /// <summary>
    /// Moves the local file of <paramref name="item"/> (with a database's -wal/-shm) into versions/, refusing with
    /// "<paramref name="refused"/>" when it changed since the scan or is a database in use. Returns its full path.
    /// </summary>
    private string MoveLocalToVersions(PlanItem item, string reason, string refused, string changedNote = "")
    {
        string full = context.Tree.Full(item.Local!.DiskPath);
        if (!context.Tree.Unchanged(item.Local, full))
        {
            throw new IOException($"changed since the scan; {refused}{changedNote}");
        }

        bool database = context.Category.Kind == SyncCategoryKind.Sqlite;
        if (database && SqliteSnapshot.InUse(full))
        {
            throw new IOException($"the database is in use (non-empty WAL); {refused}");
        }

        context.Versions.MoveIn(full, item.Key, reason);
        if (database)
        {
            SqliteSnapshot.RemoveCompanions(full);
        }

        return full;
    }
}

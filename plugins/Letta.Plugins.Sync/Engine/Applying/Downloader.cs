using Letta.Plugins.Shared;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Writes remote content into the local folder, one item at a time: verify the blob while copying it to a temp file
/// beside the target, flush it, re-check that the target did not change since the scan, keep the old copy in versions,
/// rename. The target holds its old or its new content whenever the process dies.
/// </summary>
internal sealed class Downloader(ApplyContext context)
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="diskPath"/>; returns the new stat.</summary>
    public FileStat Download(string key, string diskPath, ManifestEntry content, LocalFile? expected)
    {
        LocalTree tree = context.Tree;
        string full = tree.Full(diskPath);
        tree.EnsureParent(full, key, context.Result.Issues);
        if (context.Category.Kind == SyncCategoryKind.Unit)
        {
            return DownloadUnit(key, full, content, expected);
        }

        if (Directory.Exists(full))
        {
            tree.MoveDirectoryAside(full, key, context.Result.Issues);
        }

        string tmp = LocalTree.TempBeside(full);
        context.Blobs.CopyVerified(content.Blob ?? content.Sha!, tmp, context.Options.Durable);
        File.SetLastWriteTimeUtc(tmp, DateTime.UnixEpoch.AddTicks(content.MtimeNs / 100));
        context.Crash(CrashPoint.DownloadTempWritten, key);
        if (!tree.Unchanged(expected, full))
        {
            File.Delete(tmp);
            throw new IOException("the local file changed since the scan; not overwritten (a conflict next run)");
        }

        if (context.Category.Kind == SyncCategoryKind.Sqlite && SqliteSnapshot.InUse(full))
        {
            File.Delete(tmp);
            throw new IOException("the database is in use (non-empty WAL); applied when the owning app has closed it");
        }

        if (File.Exists(full))
        {
            context.Versions.Preserve(full, key);
        }

        File.Move(tmp, full, overwrite: true);
        if (context.Category.Kind == SyncCategoryKind.Sqlite)
        {
            SqliteSnapshot.RemoveCompanions(full);
        }

        context.Crash(CrashPoint.AfterApply, key);
        return tree.Stat(full);
    }

    private FileStat DownloadUnit(string key, string full, ManifestEntry content, LocalFile? expected)
    {
        LocalTree tree = context.Tree;
        string name = Path.GetFileName(full);
        string staging = Path.Combine(tree.Root, SyncPaths.TempName(name));
        string tar = Path.Combine(context.SnapshotDirectory, $"unit-{Guid.NewGuid():N}.tar");
        PrivateFiles.CreateDirectory(context.SnapshotDirectory);
        try
        {
            context.Blobs.CopyVerified(content.Blob ?? content.Sha!, tar, durableTarget: false);
            UnitArchive.Extract(tar, staging);
        }
        finally
        {
            File.Delete(tar);
        }

        if (UnitArchive.Hash(staging, tree.Rules, name) != content.Sha)
        {
            Directory.Delete(staging, recursive: true);
            throw new BlobCorruptException($"unit {key} does not match its hash");
        }

        context.Crash(CrashPoint.DownloadTempWritten, key);
        if (!tree.Unchanged(expected, full))
        {
            Directory.Delete(staging, recursive: true);
            throw new IOException("the local unit changed since the scan; not replaced (a conflict next run)");
        }

        string? old = null;
        if (Directory.Exists(full))
        {
            // Renamed aside first: a crash between the two renames is undone by the next run's recovery.
            old = Path.Combine(tree.Root, $".{name}.old-{Guid.NewGuid():N}{SyncPaths.LocalTempSuffix}");
            Directory.Move(full, old);
        }

        Directory.Move(staging, full);
        if (old is not null)
        {
            context.Versions.MoveIn(old, key, "replaced");
        }

        context.Crash(CrashPoint.AfterApply, key);
        return UnitScanner.Signature(full, tree.Rules, name);
    }
}

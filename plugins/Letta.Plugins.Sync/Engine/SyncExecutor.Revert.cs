namespace Letta.Plugins.Sync.Engine;

internal sealed partial class SyncExecutor
{
    /// <summary>
    /// Receive-only revert (§12 #39): files that exist only here are moved to the versions folder. Nothing is
    /// recorded — the cluster never knew them — so no tombstone is published for a path no other device has.
    /// (Edited or deleted files are reverted by ordinary pulls, which keep the local copy in versions first.)
    /// </summary>
    private void RevertLocalOnly(List<PlanItem> plan)
    {
        foreach (PlanItem item in plan.Where(p => p.Action == PlanAction.RevertLocal))
        {
            Guarded(item, () =>
            {
                string full = Full(item.Local!.DiskPath);
                if (!Unchanged(item.Local, full))
                {
                    throw new IOException("changed since the scan; not reverted");
                }

                if (_category.Kind == SyncCategoryKind.Sqlite && SqliteSnapshot.InUse(full))
                {
                    throw new IOException("the database is in use (non-empty WAL); not reverted");
                }

                _versions.MoveIn(full, item.Key);
                if (_category.Kind == SyncCategoryKind.Sqlite)
                {
                    SqliteSnapshot.RemoveCompanions(full);
                }

                RemoveEmptyParents(full);
                _result.FilesDeleted++;
            });
        }
    }
}

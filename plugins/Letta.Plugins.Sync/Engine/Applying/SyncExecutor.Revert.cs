using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Engine.Applying;

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
                string full = MoveLocalToVersions(item, "not reverted");
                RemoveEmptyParents(full);
                _result.FilesDeleted++;
            });
        }
    }
}

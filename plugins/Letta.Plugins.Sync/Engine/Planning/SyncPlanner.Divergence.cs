using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// The explicit ways out of a one-way category's divergence (§12 #39): <see cref="Revert"/> makes a receive-only
/// folder match the cluster again, <see cref="Override"/> republishes a send-only folder over the cluster's edits.
/// </summary>
internal sealed partial class SyncPlanner
{
    /// <summary>Receive-only: undo local edits, additions and deletions (the local versions go to versions/).</summary>
    public bool Revert { get; init; }

    /// <summary>Send-only: publish the local state over remote edits this device has not applied.</summary>
    public bool Override { get; init; }

    /// <summary>
    /// A receive-only path changed locally, reverted: decided as if the local edit had never happened — the cluster's
    /// winner among the peers' unseen versions and the base — so it never wins and never becomes a conflict copy.
    /// </summary>
    private static PlanItem RevertItem(string key, StateRow? row, LocalFile? file, List<ManifestEntry> unseen, VersionVector baseVec)
    {
        List<VersionGroup> groups = VersionGroup.Maximal(unseen, row is null ? null : FromRow(row, baseVec), mineIsEdit: false);
        if (groups.Count == 0)
        {
            return new PlanItem { Key = key, Action = PlanAction.RevertLocal, Local = file, Note = "local-only file moved to versions (revert)" };
        }

        VersionVector all = groups.Aggregate(baseVec, (v, g) => v.Merge(g.Vector));
        List<VersionGroup> live = groups.Where(g => !g.Entry.Deleted).ToList(); // a modification beats a deletion
        ManifestEntry target = VersionGroup.PickWinner(live.Count > 0 ? live : groups).Entry with { Path = key, Version = all.ToString() };
        if (target.Deleted)
        {
            return file is null
                ? new PlanItem { Key = key, Action = PlanAction.Converge, Base = row, Target = target, Note = "deleted on both sides" }
                : new PlanItem { Key = key, Action = PlanAction.DeleteLocal, Base = row, Local = file, Target = target, Note = "revert" };
        }

        return file is not null && file.Sha == target.Sha
            ? new PlanItem { Key = key, Action = PlanAction.Converge, Base = row, Local = file, Target = target, Note = "same content on both sides" }
            : new PlanItem { Key = key, Action = PlanAction.Pull, Base = row, Local = file, Target = target, Note = "revert" };
    }

    /// <summary>A send-only path whose remote changed, overridden: the local state (or its absence) with a dominating vector.</summary>
    private PlanItem OverrideItem(string key, StateRow? row, LocalFile? file, VersionVector all) =>
        LocalWins(key, row, file, all.Bump(self.ShortId, now));
}

using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Carries out a plan in stages: uploads (before anything is recorded or published), record-only changes, local
/// deletions, reverts, then pulls and conflicts, the conflict-copy cap and the local cache. Every local write is
/// verify → temp file beside the target → re-check the target did not change since the scan → (keep the old copy
/// in versions) → rename; each path is recorded in state.db after its operation completed. A crash at any point
/// leaves every file old or new, and the next run converges.
/// </summary>
internal sealed class SyncExecutor(ApplyContext context)
{
    /// <param name="plan">The plan to carry out.</param>
    /// <param name="rows">The state rows the plan was made from.</param>
    /// <param name="scan">The local scan the plan was made from.</param>
    /// <param name="wantedByOthers">Content other devices are waiting for (their wants lists).</param>
    public void Execute(List<PlanItem> plan, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan, IReadOnlyList<WantedBlob> wantedByOthers)
    {
        RemoveLeftovers(scan);
        new ContentHealer(context).Heal(wantedByOthers, rows, scan);
        new Uploader(context).Upload(plan);
        context.Rows.Commit();

        foreach (PlanItem item in plan.Where(p => !p.IsConflict && (p.Action is PlanAction.PushDelete or PlanAction.UpdateVersion or PlanAction.Converge
            || p is { Action: PlanAction.Push, Local.IsDirectory: true })))
        {
            context.Rows.RecordBase(item, rows);
            if (item.Action == PlanAction.PushDelete && item.Base?.IsDirectory != true)
            {
                context.Result.FilesDeleted++;
            }
        }

        // Synced directories stay when their last file goes: only a directory tombstone removes one.
        context.Tree.Keep(rows.Values.Where(r => r.IsLive && r.IsDirectory).Select(r => r.Path));

        var applier = new Applier(context, new Downloader(context));

        // Deletions first, so a path that turned from a file into a directory (or back) can be created afterwards.
        // Files first, then directories deepest first, so a directory is empty when its turn comes.
        foreach (PlanItem item in plan.Where(p => p.Action == PlanAction.DeleteLocal).OrderBy(p => p.Local?.IsDirectory == true).ThenByDescending(p => p.Key.Length))
        {
            context.Guarded(item, () => applier.DeleteLocal(item));
        }

        foreach (PlanItem item in plan.Where(p => p.Action == PlanAction.RevertLocal))
        {
            context.Guarded(item, () => applier.RevertLocalOnly(item));
        }

        List<PlanItem> applies = plan.Where(p => p.Action == PlanAction.Pull || p.IsConflict).ToList();
        List<PlanItem> grouped = applies.Where(p => BatchPuller.Fits(p, context.Category)).ToList();
        new BatchPuller(context).Pull(grouped, item => applier.Apply(item, rows));
        var single = applies.Except(grouped).ToList();
        int done = 0;
        foreach (PlanItem item in single)
        {
            context.Guarded(item, () => applier.Apply(item, rows));
            context.Progress("applied", ++done, single.Count);
        }

        new ConflictCopyPruner(context).Prune(plan, rows, scan);
        context.Rows.UpdateLocalCache(plan, rows, scan);
        context.Rows.CollectTombstones(rows);
        context.Rows.Commit();
    }

    /// <summary>Temp files and directories an interrupted run left in the category (never a user's file).</summary>
    private static void RemoveLeftovers(LocalScan scan)
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
}

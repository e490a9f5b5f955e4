using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Keeps at most <see cref="SyncEngineOptions.MaxConflictCopies"/> conflict copies per file: the oldest go to the
/// versions folder (never unlinked) and a tracked copy gets a tombstone, so the other devices drop it too.
/// Only files that gained a copy in this run are looked at: that is the only moment a file can pass the cap.
/// </summary>
internal sealed class ConflictCopyPruner(ApplyContext context)
{
    public void Prune(List<PlanItem> plan, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan)
    {
        var originals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (PlanItem item in plan)
        {
            if (item.Copies.Any(c => !c.Discard))
            {
                originals.Add(item.Key);
            }
            else if (item.Action == PlanAction.Pull && ConflictCopyCap.TryParse(item.Key, out string original, out _))
            {
                originals.Add(original); // a copy made by another device arrived
            }
        }

        foreach (string original in originals)
        {
            foreach (string copy in ConflictCopyCap.Excess(context.Tree.Root, original, Math.Max(1, context.Options.MaxConflictCopies)))
            {
                var item = new PlanItem { Key = copy, Action = PlanAction.DeleteLocal };
                context.Guarded(item, () => PruneCopy(copy, original, rows, scan));
            }
        }
    }

    private void PruneCopy(string copy, string original, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan)
    {
        StateRow? row = context.Rows.Current(copy, rows);
        bool tracked = row is { IsLive: true };
        if (tracked && context.Category.Direction == SyncDirection.ReceiveOnly)
        {
            return; // a cluster copy: the publishing devices prune it and the tombstone arrives here; never published from here
        }

        if (!context.Rows.WasRecorded(copy) && scan.Files.TryGetValue(copy, out LocalFile? local) && local.StatChanged)
        {
            return; // edited here and not yet published: it is published first, pruned with a later conflict
        }

        context.Versions.MoveIn(context.Tree.Full(copy), copy, "pruned");
        context.Result.Issues.Add(new ScanIssue(copy, "conflict-copy-pruned",
            $"More than {context.Options.MaxConflictCopies} conflict copies of '{original}': the oldest was moved to the versions folder."));
        if (tracked)
        {
            DateTimeOffset now = context.Options.Clock.GetUtcNow();
            context.Rows.RecordBase(copy, new ManifestEntry
            {
                Path = copy,
                Deleted = true,
                DeletedAt = now.ToUnixTimeSeconds(),
                Version = row!.Version.Bump(context.Self.ShortId, now).ToString(),
                Author = context.Self.ShortId,
            }, null, null, racy: false);
        }
    }
}

using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// The limit gates of sync.md §7, checked on the finished plan before any change. Each returns the reason it
/// trips, or null. <c>--force</c> skips them; the marker and lock gates are not here and cannot be forced.
/// </summary>
internal static class SafetyGates
{
    public static SyncAbortedException? Check(SyncEngineOptions options, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan, RemoteView remote, List<PlanItem> plan)
    {
        int baseLive = rows.Values.Count(r => r.IsLive && !r.IsDirectory);
        if (baseLive > 0 && scan.FileCount == 0)
        {
            return new SyncAbortedException(SyncGate.EmptySide,
                $"The local folder lists empty while {baseLive} files were synced before; not treated as 'everything deleted'. Check the folder, or run with --force.");
        }

        // An emptiness the deleting device forced carries its authorisation: applied here without a second --force.
        if (baseLive > 0 && remote.Peers.Count > 0 && remote.TotalEntries > 0 && remote.LiveEntries == 0 && remote.UnforcedTombstones > 0)
        {
            return new SyncAbortedException(SyncGate.EmptySide,
                $"Every other device lists this category empty while {baseLive} files were synced before. Check them, or run with --force.");
        }

        // A row whose cache this device itself marked "hash again" (written inside the racy-mtime window) is not a
        // change made behind its back: counting those kept every later run of a fast first sync stuck on this gate.
        int statChanged = scan.Files.Values.Count(f => f.StatChanged && rows.TryGetValue(f.Key, out StateRow? r) && r.IsLive && r.LocalSize >= 0);
        if (baseLive >= options.MassChangeMinimumFiles && statChanged * 100L >= (long)options.MassChangePercent * baseLive)
        {
            return new SyncAbortedException(SyncGate.MassChange,
                $"{statChanged} of {baseLive} files changed at once (a clock, timezone or restore?). Nothing was changed; run with --force if this is intended.");
        }

        int deletions = Deletions(plan);
        int limit = Math.Max(options.DeletionLimit, (int)((long)baseLive * options.DeletionLimitPercent / 100));
        if (deletions > limit)
        {
            return new SyncAbortedException(SyncGate.DeletionLimit,
                $"{deletions} deletions planned (renames excluded), more than the limit of {limit}. Nothing was changed; check with 'letta sync plan', then run with --force.");
        }

        int conflicts = plan.Count(p => p.Copies.Any(c => !c.Discard));
        if (conflicts > options.ConflictLimit)
        {
            return new SyncAbortedException(SyncGate.ConflictLimit,
                $"{conflicts} new conflicts at once (more than {options.ConflictLimit}). Nothing was changed; check with 'letta sync plan', then run with --force.");
        }

        return null;
    }

    /// <summary>Planned deletions on either side, minus exact renames (the deleted content reappears under a new path).</summary>
    public static int Deletions(List<PlanItem> plan)
    {
        var created = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (PlanItem p in plan)
        {
            string? sha = p.Action switch
            {
                PlanAction.Push when p.Base is not { IsLive: true } => p.Local?.Sha,
                PlanAction.Pull when p.Base is not { IsLive: true } => p.Target?.Sha,
                _ => null,
            };
            if (sha is not null)
            {
                created[sha] = created.GetValueOrDefault(sha) + 1;
            }
        }

        int deletions = 0;
        foreach (PlanItem p in plan.Where(p => p.Action is PlanAction.DeleteLocal or PlanAction.PushDelete))
        {
            if (p.Base?.IsDirectory == true || p.Local?.IsDirectory == true || (p.Action == PlanAction.DeleteLocal && p.Target?.Forced == true))
            {
                continue; // directories hold no content; a forced deletion was authorised by the device that made it
            }

            string? sha = p.Base?.Sha;
            if (sha is not null && created.TryGetValue(sha, out int n) && n > 0)
            {
                created[sha] = n - 1;
                continue;
            }

            deletions++;
        }

        return deletions;
    }
}

using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// The three-way decision per path (sync.md §4): base B from state.db, local L from the scan, remote R folded
/// from the peers' manifests by version vector. A modification always beats a deletion; differing concurrent
/// edits keep both (newer mtime keeps the name, ties go to the smaller device id, so every device agrees).
/// </summary>
internal sealed partial class SyncPlanner(SyncCategory category, DeviceIdentity self, DateTimeOffset now)
{
    private VersionVector? _firstVersion;

    /// <summary>The vector of a path this device creates: the same for every new path of a run, so made once.</summary>
    private VersionVector FirstVersion => _firstVersion ??= VersionVector.Empty.Bump(self.ShortId, now);

    /// <summary>Local files whose hash the decision needs (pure additions are hashed while uploading instead).</summary>
    public static IEnumerable<LocalFile> NeedingHash(LocalScan local, IReadOnlyDictionary<string, StateRow> rows, RemoteView remote) =>
        local.Files.Values.Where(f => f.Sha is null && !f.Unavailable && !f.IsDirectory
            && ((rows.TryGetValue(f.Key, out StateRow? row) && row.HasBase) || remote.ByKey.ContainsKey(f.Key)));

    public List<PlanItem> Plan(IReadOnlyDictionary<string, StateRow> rows, LocalScan local, RemoteView remote)
    {
        var items = new List<PlanItem>();
        var rules = new IgnoreRules(category.Include, category.Exclude);

        // Every path once: local ones, then base rows gone locally, then remote-only ones (no union set of 100k keys).
        bool anyRemote = remote.ByKey.Count > 0;
        int localWithBase = 0;
        foreach ((string key, LocalFile file) in local.Files)
        {
            rows.TryGetValue(key, out StateRow? row);
            if (row is { HasBase: true })
            {
                localWithBase++;
                if (!file.Unavailable && !row.Deleted && file.Sha == row.Sha
                    && !(anyRemote && remote.ByKey.TryGetValue(key, out List<ManifestEntry>? seen) && !AllSeen(seen, row)))
                {
                    continue; // unchanged here, nothing new from elsewhere: the common case of a no-change run, decided at once
                }
            }

            Add(items, rules, key, rows, local, remote);
        }

        // Base rows without a local file; none when every base row was met above, which a count of the rows tells
        // without the second pass of dictionary lookups over 100k keys.
        if (localWithBase < rows.Values.Count(r => r.HasBase))
        {
            foreach (KeyValuePair<string, StateRow> row in rows)
            {
                if (row.Value.HasBase && !local.Files.ContainsKey(row.Key))
                {
                    Add(items, rules, row.Key, rows, local, remote);
                }
            }
        }

        foreach (string key in remote.ByKey.Keys)
        {
            if (!local.Files.ContainsKey(key) && !(rows.TryGetValue(key, out StateRow? r) && r.HasBase))
            {
                Add(items, rules, key, rows, local, remote);
            }
        }

        // Sorted for a stable, readable plan; only the (usually few) items, not every path.
        items.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        return items;
    }

    private void Add(List<PlanItem> items, IgnoreRules rules, string key, IReadOnlyDictionary<string, StateRow> rows, LocalScan local, RemoteView remote)
    {
        rows.TryGetValue(key, out StateRow? row);
        local.Files.TryGetValue(key, out LocalFile? file);
        remote.ByKey.TryGetValue(key, out List<ManifestEntry>? entries);
        if (file is null && row is not { HasBase: true } && !rules.IsPathIncluded(key))
        {
            return; // a remote path this device excludes
        }

        PlanItem? item = Decide(key, row is { HasBase: true } ? row : null, file, entries ?? []);
        if (item is not null)
        {
            items.Add(item);
        }
    }

    private PlanItem? Decide(string key, StateRow? row, LocalFile? file, List<ManifestEntry> entries)
    {
        if (file is { Unavailable: true })
        {
            return new PlanItem { Key = key, Action = PlanAction.Skip, Base = row, Local = file, Note = file.UnavailableReason };
        }

        bool baseLive = row is { Deleted: false };
        bool localChanged = baseLive ? file is null || file.Sha != row!.Sha : file is not null;
        VersionVector baseVec = row?.Version ?? VersionVector.Empty;

        // The peers' versions this device has not seen: those its base does not dominate (the common case: none).
        List<ManifestEntry>? unseen = null;
        foreach (ManifestEntry entry in entries)
        {
            if (!Seen(entry, row, baseVec))
            {
                (unseen ??= []).Add(entry);
            }
        }

        if (!localChanged && unseen is null)
        {
            return null;
        }

        unseen ??= [];
        if (Revert && localChanged && category.Direction == SyncDirection.ReceiveOnly)
        {
            return RevertItem(key, row, file, unseen, baseVec);
        }

        // The two shapes of nearly every item of a first sync, decided without grouping (the groups would say the same):
        // a local edit nothing from elsewhere meets, and a path new from one other device.
        if (unseen.Count == 0)
        {
            return category.Direction == SyncDirection.ReceiveOnly
                ? new PlanItem { Key = key, Action = PlanAction.LocalUnpublished, Base = row, Local = file, Note = "local edit not published (receive-only)" }
                : LocalWins(key, row, file, baseVec.IsEmpty ? FirstVersion : baseVec.Bump(self.ShortId, now));
        }

        if (row is null && file is null && unseen.Count == 1 && category.Direction != SyncDirection.SendOnly)
        {
            ManifestEntry only = unseen[0];
            return only.Deleted ? null : new PlanItem { Key = key, Action = PlanAction.Pull, Target = only.Path == key ? only : only with { Path = key } };
        }

        // This device's own version takes part like a peer's: its unpublished edit, or the base it holds.
        ManifestEntry? mine = localChanged
            ? file is null ? Tombstone(key, baseVec.Bump(self.ShortId, now), row?.IsDirectory == true) : FromLocal(file, baseVec.Bump(self.ShortId, now))
            : row is null ? null : FromRow(row, baseVec);
        List<VersionGroup> groups = VersionGroup.Maximal(unseen, mine, mineIsEdit: localChanged);
        VersionVector all = groups.Aggregate(baseVec, (v, g) => v.Merge(g.Vector));

        if (groups is [{ MineOnly: true }])
        {
            // Nothing from elsewhere meets this device's edit: publish it (receive-only: keep it local).
            return category.Direction == SyncDirection.ReceiveOnly
                ? new PlanItem { Key = key, Action = PlanAction.LocalUnpublished, Base = row, Local = file, Note = "local edit not published (receive-only)" }
                : LocalWins(key, row, file, baseVec.IsEmpty ? FirstVersion : baseVec.Bump(self.ShortId, now));
        }

        if (groups.TrueForAll(g => g.HasMine))
        {
            // Every version nothing dominates has this device's content: only the vector moves on.
            ManifestEntry same = groups[0].Entry with { Path = key, Version = all.ToString() };
            return localChanged
                ? new PlanItem { Key = key, Action = PlanAction.Converge, Base = row, Local = file, Target = same, Note = "same content on both sides" }
                : all.Equals(baseVec) ? null : new PlanItem { Key = key, Action = PlanAction.UpdateVersion, Base = row, Local = file, Target = same };
        }

        if (!localChanged && category.Direction == SyncDirection.SendOnly)
        {
            // A send-only device wins the paths it edits itself: its own edit, met by one made without seeing it, is
            // republished over it (a peer's edit made after seeing it stays a divergence, as any remote edit).
            bool ownEditMet = row?.Author == self.ShortId && groups.Exists(g => g.MineIsMember);
            return Override || ownEditMet
                ? OverrideItem(key, row, file, all)
                : new PlanItem { Key = key, Action = PlanAction.RemoteNotApplied, Base = row, Local = file, Note = $"remote edit by {groups.First(g => !g.HasMine).Entry.Author} not applied (send-only)" };
        }

        // A modification always beats a deletion.
        if (groups.Exists(g => !g.Entry.Deleted))
        {
            groups.RemoveAll(g => g.Entry.Deleted);
        }

        // Receive-only: a local edit never wins; it is kept locally as a conflict copy instead.
        bool receiveOnly = category.Direction == SyncDirection.ReceiveOnly;
        VersionGroup winner = VersionGroup.PickWinner(receiveOnly && groups.Exists(g => !g.MineOnly) ? groups.Where(g => !g.MineOnly) : groups);
        if (receiveOnly && winner.MineOnly && localChanged)
        {
            return new PlanItem { Key = key, Action = PlanAction.LocalUnpublished, Base = row, Local = file, Note = "local edit not published (receive-only)" };
        }

        PlanItem? item = Resolve(key, row, file, winner, all, localChanged);
        if (item is null || category.Direction == SyncDirection.SendOnly)
        {
            return item;
        }

        // A directory that loses needs no copy: it has no content (a local one in a file's way is moved aside).
        foreach (VersionGroup loser in groups.Where(g => g != winner && !g.Entry.Deleted && !g.Entry.IsDirectory))
        {
            item.OtherAuthor ??= loser.Entry.Author;
            bool fromLocal = loser.HasMine && file is not null && file.Sha == loser.Entry.Sha;
            item.Copies.Add(SyncPaths.IsConflictCopy(key)
                ? new ConflictCopy(key, loser.Entry, fromLocal, Discard: true)
                : new ConflictCopy(ConflictNames.For(key, loser.Entry.MtimeNs, loser.Entry.Author, loser.Entry.Sha), loser.Entry, fromLocal));
        }

        if (item.IsConflict && winner.Entry.Author != self.ShortId)
        {
            item.OtherAuthor = winner.Entry.Author;
        }

        return item;
    }

    /// <summary>The plan item that gives the path the winner's content and the merged vector.</summary>
    private PlanItem? Resolve(string key, StateRow? row, LocalFile? file, VersionGroup winner, VersionVector all, bool localChanged)
    {
        if (winner.MineOnly && localChanged)
        {
            return LocalWins(key, row, file, all.Bump(self.ShortId, now));
        }

        ManifestEntry target = winner.Entry with { Path = key, Version = all.ToString() };
        if (winner.HasMine)
        {
            // This device's content wins (its base, already published, or an edit another device made too).
            return localChanged
                ? new PlanItem { Key = key, Action = PlanAction.Converge, Base = row, Local = file, Target = target, Note = "same content on both sides" }
                : new PlanItem { Key = key, Action = PlanAction.UpdateVersion, Base = row, Local = file, Target = target };
        }

        if (category.Direction == SyncDirection.SendOnly)
        {
            // Send-only overrides: the local state is republished over the remote one.
            return LocalWins(key, row, file, all.Bump(self.ShortId, now));
        }

        if (target.Deleted)
        {
            if (file is not null)
            {
                return new PlanItem { Key = key, Action = PlanAction.DeleteLocal, Base = row, Local = file, Target = target };
            }

            return row is null ? null : new PlanItem { Key = key, Action = PlanAction.Converge, Base = row, Target = target, Note = "deleted on both sides" };
        }

        return new PlanItem { Key = key, Action = PlanAction.Pull, Base = row, Local = file, Target = target };
    }

    private PlanItem LocalWins(string key, StateRow? row, LocalFile? file, VersionVector vector) =>
        file is null
            ? new PlanItem { Key = key, Action = PlanAction.PushDelete, Base = row, Target = Tombstone(key, vector, row?.IsDirectory == true) }
            : new PlanItem { Key = key, Action = PlanAction.Push, Base = row, Local = file, Target = FromLocal(file, vector) };

    private ManifestEntry FromLocal(LocalFile file, VersionVector vector) => new()
    {
        Path = file.Key,
        Sha = file.Sha,
        Size = file.ContentSize,
        MtimeNs = file.ContentMtimeNs,
        Version = vector.ToString(),
        Author = self.ShortId,
        Type = file.IsDirectory ? ManifestEntry.DirectoryType : null,
    };

    private ManifestEntry Tombstone(string key, VersionVector vector, bool directory) => new()
    {
        Path = key,
        Deleted = true,
        DeletedAt = now.ToUnixTimeSeconds(),
        Version = vector.ToString(),
        Author = self.ShortId,
        Type = directory ? ManifestEntry.DirectoryType : null,
    };

    private static ManifestEntry FromRow(StateRow row, VersionVector vector) => new()
    {
        Path = row.Path,
        Sha = row.Deleted ? null : row.Sha,
        Size = row.Size,
        MtimeNs = row.MtimeNs,
        Blob = row.Blob,
        Version = vector.ToString(),
        Author = row.Author,
        Deleted = row.Deleted,
        DeletedAt = row.DeletedAt,
        Type = row.IsDirectory ? ManifestEntry.DirectoryType : null,
        Forced = row.Deleted && row.Forced,
    };
}

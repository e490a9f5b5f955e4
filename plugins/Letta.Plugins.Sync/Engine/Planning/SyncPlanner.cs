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
        local.Files.Values.Where(f => f.Sha is null && !f.Unavailable
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
                if (!file.Unavailable && !row.Deleted && file.Sha == row.Sha && !(anyRemote && remote.ByKey.ContainsKey(key)))
                {
                    continue; // unchanged here, nothing from elsewhere: the common case of a no-change run, decided at once
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
        if (!localChanged && entries.Count == 0)
        {
            return null; // the common case of a no-change run: nothing to fold, nothing to parse
        }

        VersionVector baseVec = row?.Version ?? VersionVector.Empty;

        // Remote versions this device has not seen, reduced to the maximal ones and grouped by content.
        List<Group> groups = Maximal(entries.Where(e => !e.Vector.IsDominatedBy(baseVec)).ToList());
        VersionVector ancestors = baseVec;
        foreach (Group g in groups.Where(g => SameAsBase(g.Entry, row)).ToList())
        {
            ancestors = ancestors.Merge(g.Entry.Vector);
            groups.Remove(g);
        }

        bool remoteChanged = groups.Count > 0;
        if (Revert && localChanged && category.Direction == SyncDirection.ReceiveOnly)
        {
            return RevertItem(key, row, file, groups, ancestors);
        }

        if (!localChanged && !remoteChanged)
        {
            return ancestors.Equals(baseVec) || row is null
                ? null
                : new PlanItem { Key = key, Action = PlanAction.UpdateVersion, Base = row, Local = file, Target = FromRow(row, ancestors) };
        }

        if (!remoteChanged)
        {
            if (category.Direction == SyncDirection.ReceiveOnly)
            {
                return new PlanItem { Key = key, Action = PlanAction.LocalUnpublished, Base = row, Local = file, Note = "local edit not published (receive-only)" };
            }

            return LocalWins(key, row, file, ancestors.IsEmpty ? FirstVersion : ancestors.Bump(self.ShortId, now));
        }

        if (!localChanged && category.Direction == SyncDirection.SendOnly)
        {
            if (Override)
            {
                return OverrideItem(key, row, file, groups, ancestors);
            }

            return new PlanItem { Key = key, Action = PlanAction.RemoteNotApplied, Base = row, Local = file, Note = $"remote edit by {groups[0].Entry.Author} not applied (send-only)" };
        }

        if (localChanged)
        {
            ManifestEntry mine = file is null
                ? Tombstone(key, baseVec.Bump(self.ShortId, now))
                : FromLocal(file, baseVec.Bump(self.ShortId, now));
            Group? same = groups.FirstOrDefault(g => g.Entry.SameContent(mine));
            if (same is not null)
            {
                same.HasLocal = true;
            }
            else
            {
                groups.Add(new Group(mine) { HasLocal = true, LocalOnly = true });
            }
        }

        VersionVector all = groups.Aggregate(ancestors, (v, g) => v.Merge(g.Entry.Vector));

        // A modification always beats a deletion.
        if (groups.Any(g => !g.Entry.Deleted))
        {
            groups.RemoveAll(g => g.Entry.Deleted);
        }

        // Receive-only: a local edit never wins; it is kept locally as a conflict copy instead.
        Group winner = category.Direction == SyncDirection.ReceiveOnly && groups.Any(g => !g.LocalOnly)
            ? PickWinner(groups.Where(g => !g.LocalOnly).ToList())
            : PickWinner(groups);
        if (category.Direction == SyncDirection.ReceiveOnly && winner.LocalOnly)
        {
            return new PlanItem { Key = key, Action = PlanAction.LocalUnpublished, Base = row, Local = file, Note = "local edit not published (receive-only)" };
        }

        var item = Resolve(key, row, file, winner, all);
        if (item is null || category.Direction == SyncDirection.SendOnly)
        {
            return item;
        }

        foreach (Group loser in groups.Where(g => g != winner && !g.Entry.Deleted))
        {
            item.OtherAuthor ??= loser.Entry.Author;
            bool fromLocal = loser.HasLocal && file is not null && file.Sha == loser.Entry.Sha;
            item.Copies.Add(SyncPaths.IsConflictCopy(key)
                ? new ConflictCopy(key, loser.Entry, fromLocal, Discard: true)
                : new ConflictCopy(ConflictNames.For(key, loser.Entry.MtimeNs, loser.Entry.Author), loser.Entry, fromLocal));
        }

        if (item.IsConflict && winner.Entry.Author != self.ShortId)
        {
            item.OtherAuthor = winner.Entry.Author;
        }

        return item;
    }

    private PlanItem? Resolve(string key, StateRow? row, LocalFile? file, Group winner, VersionVector all)
    {
        if (winner.LocalOnly)
        {
            return LocalWins(key, row, file, all.Bump(self.ShortId, now));
        }

        ManifestEntry target = winner.Entry with { Path = key, Version = all.ToString() };
        if (winner.HasLocal)
        {
            return new PlanItem { Key = key, Action = PlanAction.Converge, Base = row, Local = file, Target = target, Note = "same content on both sides" };
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
            ? new PlanItem { Key = key, Action = PlanAction.PushDelete, Base = row, Target = Tombstone(key, vector) }
            : new PlanItem { Key = key, Action = PlanAction.Push, Base = row, Local = file, Target = FromLocal(file, vector) };

    /// <summary>Newer mtime keeps the name; on a tie the smaller author id wins (the larger becomes the copy).</summary>
    private static Group PickWinner(List<Group> groups) =>
        groups.OrderByDescending(g => g.Entry.MtimeNs).ThenBy(g => g.Entry.Author, StringComparer.Ordinal).ThenBy(g => g.Entry.Sha, StringComparer.Ordinal).First();

    private static List<Group> Maximal(List<ManifestEntry> entries)
    {
        var maximal = entries.Where(e => !entries.Any(o => !ReferenceEquals(o, e) && e.Vector.IsDominatedBy(o.Vector) && !o.Vector.IsDominatedBy(e.Vector))).ToList();
        var groups = new List<Group>();
        foreach (ManifestEntry e in maximal.OrderBy(e => e.Version, StringComparer.Ordinal))
        {
            Group? g = groups.FirstOrDefault(x => x.Entry.SameContent(e));
            if (g is null)
            {
                groups.Add(new Group(e));
            }
            else
            {
                ManifestEntry newer = e.MtimeNs > g.Entry.MtimeNs || (e.MtimeNs == g.Entry.MtimeNs && string.CompareOrdinal(e.Author, g.Entry.Author) < 0) ? e : g.Entry;
                g.Entry = newer with { Version = g.Entry.Vector.Merge(e.Vector).ToString() };
            }
        }

        return groups;
    }

    private static bool SameAsBase(ManifestEntry e, StateRow? row) =>
        row is not null && (row.Deleted ? e.Deleted : !e.Deleted && e.Sha == row.Sha);

    private ManifestEntry FromLocal(LocalFile file, VersionVector vector) => new()
    {
        Path = file.Key,
        Sha = file.Sha,
        Size = file.ContentSize,
        MtimeNs = file.ContentMtimeNs,
        Version = vector.ToString(),
        Author = self.ShortId,
    };

    private ManifestEntry Tombstone(string key, VersionVector vector) => new()
    {
        Path = key,
        Deleted = true,
        DeletedAt = now.ToUnixTimeSeconds(),
        Version = vector.ToString(),
        Author = self.ShortId,
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
    };

    private sealed class Group(ManifestEntry entry)
    {
        public ManifestEntry Entry { get; set; } = entry;

        public bool HasLocal { get; set; }

        /// <summary>Only this device holds this content: winning means a push with a bumped counter.</summary>
        public bool LocalOnly { get; init; }
    }
}

using Letta.Plugins.Sync.Engine.Cloud;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// The versions of one path that no other version dominates, grouped by content. "Mine" is this device's own version:
/// its unpublished local edit, or the base it holds (and has published) — it takes part like any peer's version, so a
/// peer's version that is concurrent with it is a conflict whatever either device has already published.
/// </summary>
internal sealed class VersionGroup
{
    private VersionGroup(ManifestEntry entry, bool mine)
    {
        Entry = entry;
        Vector = entry.Vector;
        HasMine = mine;
        MineIsMember = mine;
        MineOnly = mine;
    }

    /// <summary>The representative version: the newest by mtime, ties to the smaller author (the same on every device).</summary>
    public ManifestEntry Entry { get; private set; }

    /// <summary>The merge of every member's vector.</summary>
    public VersionVector Vector { get; private set; }

    /// <summary>This group's content is this device's own (whether its version is a member or an ancestor of one).</summary>
    public bool HasMine { get; private set; }

    /// <summary>This device's own version is a member: no other version dominates it.</summary>
    public bool MineIsMember { get; private set; }

    /// <summary>This device's own version is the only member.</summary>
    public bool MineOnly { get; private set; }

    /// <summary>
    /// The maximal versions among <paramref name="unseen"/> (peers' versions the base does not dominate) and
    /// <paramref name="mine"/>, grouped by content in a stable order. An unpublished edit of this device
    /// (<paramref name="mineIsEdit"/>) is new by definition and never counts as dominated.
    /// </summary>
    public static List<VersionGroup> Maximal(IReadOnlyList<ManifestEntry> unseen, ManifestEntry? mine, bool mineIsEdit)
    {
        var candidates = new List<ManifestEntry>(unseen.Count + 1);
        candidates.AddRange(unseen);
        if (mine is not null)
        {
            candidates.Add(mine);
        }

        var groups = new List<VersionGroup>(2);
        foreach (ManifestEntry candidate in candidates.OrderBy(e => e.Version, StringComparer.Ordinal).ThenBy(e => e.Sha, StringComparer.Ordinal))
        {
            bool isMine = ReferenceEquals(candidate, mine);
            if (!(isMine && mineIsEdit) && candidates.Any(o => !ReferenceEquals(o, candidate) && StrictlyDominates(o, candidate)))
            {
                continue;
            }

            VersionGroup? same = groups.Find(g => g.Entry.SameContent(candidate));
            if (same is null)
            {
                groups.Add(new VersionGroup(candidate, isMine));
            }
            else
            {
                same.Absorb(candidate, isMine);
            }
        }

        if (mine is not null)
        {
            foreach (VersionGroup group in groups)
            {
                group.HasMine |= group.Entry.SameContent(mine);
            }
        }

        return groups;
    }

    /// <summary>Newer mtime keeps the name; on a tie the smaller author id wins (the larger becomes the copy).</summary>
    public static VersionGroup PickWinner(IEnumerable<VersionGroup> groups) =>
        groups.OrderByDescending(g => g.Entry.MtimeNs).ThenBy(g => g.Entry.Author, StringComparer.Ordinal).ThenBy(g => g.Entry.Sha, StringComparer.Ordinal).First();

    private static bool StrictlyDominates(ManifestEntry other, ManifestEntry candidate) =>
        candidate.Vector.IsDominatedBy(other.Vector) && !other.Vector.IsDominatedBy(candidate.Vector);

    private void Absorb(ManifestEntry member, bool isMine)
    {
        if (member.MtimeNs > Entry.MtimeNs || (member.MtimeNs == Entry.MtimeNs && string.CompareOrdinal(member.Author, Entry.Author) < 0))
        {
            Entry = member;
        }

        if (Entry.Deleted && member.Forced && !Entry.Forced)
        {
            Entry = Entry with { Forced = true }; // one device forced this deletion: the authorisation travels with it
        }

        Vector = Vector.Merge(member.Vector);
        HasMine |= isMine;
        MineIsMember |= isMine;
        MineOnly = false;
    }
}

using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>
/// State-based merge by task id: for each id the fact with the greatest <see cref="EntryStamp"/> wins.
/// The merge is commutative, associative and idempotent, so devices converge whatever order they see files in.
/// </summary>
internal static class BoardMerger
{
    /// <summary>Merges facts into <paramref name="target"/>.</summary>
    /// <returns>Whether <paramref name="target"/> changed.</returns>
    public static bool Merge(BoardState target, IEnumerable<TaskItem> active, IEnumerable<TaskItem> archived, IEnumerable<Tombstone> deleted)
    {
        bool changed = false;
        foreach (TaskItem t in active)
        {
            changed |= Offer(target, t.Id, t.Stamp(EntryState.Active), s => s.Active[t.Id] = t);
        }

        foreach (TaskItem t in archived)
        {
            changed |= Offer(target, t.Id, t.Stamp(EntryState.Archived), s => s.Archived[t.Id] = t);
        }

        foreach (Tombstone t in deleted)
        {
            changed |= Offer(target, t.Id, t.Stamp(), s => s.Deleted[t.Id] = t);
        }

        if (changed)
        {
            target.Invalidate();
        }

        return changed;
    }

    /// <summary>Merges another whole state.</summary>
    public static bool Merge(BoardState target, BoardState source)
        => Merge(target, source.Active.Values, source.Archived.Values, source.Deleted.Values);

    private static bool Offer(BoardState target, string id, EntryStamp stamp, Action<BoardState> apply)
    {
        EntryStamp? current = target.StampOf(id);
        if (current is { } c && c.CompareTo(stamp) >= 0)
        {
            return false;
        }

        target.Forget(id);
        apply(target);
        return true;
    }
}

using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>
/// State-based merge by task id. Where the task lives (active, archived, deleted) and its version come from the
/// fact with the greatest <see cref="EntryStamp"/>; each field of a live task comes from whichever fact changed it
/// last (<see cref="FieldMerge"/>). Commutative, associative and idempotent, so devices converge whatever order
/// they see files in.
/// </summary>
internal static class BoardMerger
{
    /// <summary>Merges facts into <paramref name="target"/>.</summary>
    /// <returns>Whether <paramref name="target"/> changed (including adopting an identical fact read from a file).</returns>
    public static bool Merge(BoardState target, IEnumerable<TaskItem> active, IEnumerable<TaskItem> archived, IEnumerable<Tombstone> deleted)
    {
        bool changed = false;
        foreach (TaskItem t in active)
        {
            changed |= OfferTask(target, t, EntryState.Active);
        }

        foreach (TaskItem t in archived)
        {
            changed |= OfferTask(target, t, EntryState.Archived);
        }

        foreach (Tombstone t in deleted)
        {
            changed |= OfferTombstone(target, t);
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

    private static bool OfferTask(BoardState target, TaskItem incoming, EntryState state)
    {
        EntryStamp stamp = incoming.Stamp(state);
        TaskItem? existing = null;
        EntryState existingState = EntryState.Active;
        if (target.Active.TryGetValue(incoming.Id, out TaskItem? a))
        {
            existing = a;
        }
        else if (target.Archived.TryGetValue(incoming.Id, out TaskItem? r))
        {
            existing = r;
            existingState = EntryState.Archived;
        }
        else if (target.Deleted.TryGetValue(incoming.Id, out Tombstone? tomb) && tomb.Stamp().CompareTo(stamp) >= 0)
        {
            // The deletion saw this version (or a later one): the task stays deleted.
            return false;
        }

        if (existing is null)
        {
            Put(target, incoming, state);
            return true;
        }

        // On equal stamps prefer the incoming fact: adopting the very object read from a file lets a later
        // "does the file hold our state?" check compare by reference.
        EntryStamp existingStamp = existing.Stamp(existingState);
        bool incomingWins = stamp.CompareTo(existingStamp) >= 0;
        TaskItem winner = incomingWins ? incoming : existing;
        TaskItem joined = FieldMerge.Join(winner, incomingWins ? existing : incoming);
        EntryState joinedState = incomingWins ? state : existingState;
        if (ReferenceEquals(joined, existing) && joinedState == existingState)
        {
            return false;
        }

        Put(target, joined, joinedState);
        return true;
    }

    private static bool OfferTombstone(BoardState target, Tombstone incoming)
    {
        EntryStamp? current = target.StampOf(incoming.Id);
        if (current is { } c)
        {
            int cmp = c.CompareTo(incoming.Stamp());
            if (cmp > 0 || (cmp == 0 && target.Deleted.TryGetValue(incoming.Id, out Tombstone? same) && ReferenceEquals(same, incoming)))
            {
                return false;
            }
        }

        target.Forget(incoming.Id);
        target.Deleted[incoming.Id] = incoming;
        return true;
    }

    private static void Put(BoardState target, TaskItem task, EntryState state)
    {
        target.Forget(task.Id);
        if (state == EntryState.Active)
        {
            target.Active[task.Id] = task;
        }
        else
        {
            target.Archived[task.Id] = task;
        }
    }
}

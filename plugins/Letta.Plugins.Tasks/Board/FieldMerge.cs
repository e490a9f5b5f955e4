using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>
/// Field-level merge of two versions of one task, and the stamping of changed fields. The winner of the whole
/// fact (see <see cref="EntryStamp"/>) decides where the task lives and its version; each field takes the value
/// with the greater <see cref="FieldStamp"/>, whichever fact it comes from.
/// </summary>
internal static class FieldMerge
{
    private static readonly TaskClock Zero = new();

    /// <returns><paramref name="winner"/> itself when <paramref name="loser"/> has no newer field, else a joined copy.</returns>
    public static TaskItem Join(TaskItem winner, TaskItem loser)
    {
        TaskClock w = winner.Clock ?? Zero;
        TaskClock l = loser.Clock ?? Zero;
        bool title = l.Title.CompareTo(w.Title) > 0;
        bool description = l.Description.CompareTo(w.Description) > 0;
        bool priority = l.Priority.CompareTo(w.Priority) > 0;
        bool tags = l.Tags.CompareTo(w.Tags) > 0;
        bool due = l.DueDate.CompareTo(w.DueDate) > 0;
        bool refs = l.ExternalRefs.CompareTo(w.ExternalRefs) > 0;
        bool place = l.Place.CompareTo(w.Place) > 0;
        if (!(title || description || priority || tags || due || refs || place))
        {
            return winner;
        }

        return winner with
        {
            Title = title ? loser.Title : winner.Title,
            Description = description ? loser.Description : winner.Description,
            Priority = priority ? loser.Priority : winner.Priority,
            Tags = tags ? loser.Tags : winner.Tags,
            DueDate = due ? loser.DueDate : winner.DueDate,
            ExternalRefs = refs ? loser.ExternalRefs : winner.ExternalRefs,
            Status = place ? loser.Status : winner.Status,
            Rank = place ? loser.Rank : winner.Rank,
            CompletedAt = place ? loser.CompletedAt : winner.CompletedAt,
            Clock = new TaskClock
            {
                Title = title ? l.Title : w.Title,
                Description = description ? l.Description : w.Description,
                Priority = priority ? l.Priority : w.Priority,
                Tags = tags ? l.Tags : w.Tags,
                DueDate = due ? l.DueDate : w.DueDate,
                ExternalRefs = refs ? l.ExternalRefs : w.ExternalRefs,
                Place = place ? l.Place : w.Place,
            },
        };
    }

    /// <summary>Stamps the fields that differ between <paramref name="old"/> and <paramref name="changed"/> with <paramref name="stamp"/>.</summary>
    public static TaskClock Stamp(TaskItem old, TaskItem changed, FieldStamp stamp)
    {
        TaskClock c = old.Clock ?? Zero;
        return new TaskClock
        {
            Title = old.Title == changed.Title ? c.Title : stamp,
            Description = old.Description == changed.Description ? c.Description : stamp,
            Priority = old.Priority == changed.Priority ? c.Priority : stamp,
            Tags = old.Tags.SequenceEqual(changed.Tags, StringComparer.Ordinal) ? c.Tags : stamp,
            DueDate = old.DueDate == changed.DueDate ? c.DueDate : stamp,
            ExternalRefs = SameRefs(old.ExternalRefs, changed.ExternalRefs) ? c.ExternalRefs : stamp,
            Place = old.Status == changed.Status && old.Rank == changed.Rank && old.CompletedAt == changed.CompletedAt ? c.Place : stamp,
        };
    }

    private static bool SameRefs(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
        => ReferenceEquals(a, b) || (a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out string? v) && v == kv.Value));
}

namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// Per-field stamps of a task, so concurrent edits of different fields on two devices both survive a merge
/// (each field is its own last-writer-wins register). <c>Place</c> covers status, rank and completion together.
/// </summary>
internal sealed record TaskClock
{
    public FieldStamp Title { get; init; }

    public FieldStamp Description { get; init; }

    public FieldStamp Priority { get; init; }

    public FieldStamp Tags { get; init; }

    public FieldStamp DueDate { get; init; }

    public FieldStamp ExternalRefs { get; init; }

    public FieldStamp Place { get; init; }

    public static TaskClock All(FieldStamp stamp) => new()
    {
        Title = stamp,
        Description = stamp,
        Priority = stamp,
        Tags = stamp,
        DueDate = stamp,
        ExternalRefs = stamp,
        Place = stamp,
    };
}

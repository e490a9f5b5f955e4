using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>A validated partial update; null means "leave as is" (except <see cref="DueDate"/>, see <see cref="DueDateSet"/>).</summary>
internal sealed record TaskPatch
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public TaskPriority? Priority { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Whether the request named <c>dueDate</c> at all; with a null <see cref="DueDate"/> it clears the date.</summary>
    public bool DueDateSet { get; init; }

    public DateTimeOffset? DueDate { get; init; }

    public TaskColumn? Status { get; init; }

    public int? Position { get; init; }

    /// <summary>Replaces entries by key; an empty value removes the key.</summary>
    public IReadOnlyDictionary<string, string>? ExternalRefs { get; init; }

    /// <summary>When set, the change applies only if the task is still at this version (else 409).</summary>
    public long? ExpectedVersion { get; init; }

    public bool ChangesContent => Title is not null || Description is not null || Priority is not null || Tags is not null || DueDateSet || ExternalRefs is not null;

    public bool ChangesPlace => Status is not null || Position is not null;
}

using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>A validated create request.</summary>
internal sealed record NewTask
{
    public required string Title { get; init; }

    public string Description { get; init; } = "";

    public TaskColumn Status { get; init; } = TaskColumn.Backlog;

    public TaskPriority Priority { get; init; } = TaskPriority.Medium;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DateTimeOffset? DueDate { get; init; }

    /// <summary>Zero-based position in the column; null appends.</summary>
    public int? Position { get; init; }

    public IReadOnlyDictionary<string, string> ExternalRefs { get; init; } = new Dictionary<string, string>();
}

using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>List filters; every given criterion must hold (tags: any of them).</summary>
internal sealed record TaskFilter
{
    public IReadOnlySet<TaskColumn>? Statuses { get; init; }

    public IReadOnlySet<TaskPriority>? Priorities { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public DateTimeOffset? DueBefore { get; init; }

    public string? Text { get; init; }

    public bool Matches(TaskItem t)
    {
        if (Statuses is { Count: > 0 } && !Statuses.Contains(t.Status))
        {
            return false;
        }

        if (Priorities is { Count: > 0 } && !Priorities.Contains(t.Priority))
        {
            return false;
        }

        if (DueBefore is { } due && (t.DueDate is null || t.DueDate >= due))
        {
            return false;
        }

        if (Tags is { Count: > 0 } && !t.Tags.Any(tag => Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        return string.IsNullOrEmpty(Text)
            || t.Title.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || t.Description.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || t.Tags.Any(tag => tag.Contains(Text, StringComparison.OrdinalIgnoreCase));
    }
}

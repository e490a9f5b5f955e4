using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Api;

/// <summary>A task as the API shows it, with its zero-based position in its column (null when archived).</summary>
internal sealed record TaskDto(
    string Id,
    string Title,
    string Description,
    string Status,
    string Priority,
    IReadOnlyList<string> Tags,
    DateTimeOffset? DueDate,
    int? Position,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ArchivedAt,
    long Version,
    IReadOnlyDictionary<string, string> ExternalRefs,
    bool Archived)
{
    internal static TaskDto From(TaskItem t, int? position, bool archived = false)
        => new(t.Id, t.Title, t.Description, t.Status.ToString(), t.Priority.ToString(), t.Tags, t.DueDate,
            archived ? null : position, t.CreatedAt, t.UpdatedAt, t.CompletedAt, t.ArchivedAt, t.Version, t.ExternalRefs, archived);

    internal static TaskDto From(PlacedTask p) => From(p.Task, p.Position, p.IsArchived);
}

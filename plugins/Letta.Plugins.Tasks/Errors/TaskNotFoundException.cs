namespace Letta.Plugins.Tasks;

/// <summary>No active (or, for restore, archived) task has the id (→ 404).</summary>
internal sealed class TaskNotFoundException(string id, string where = "on the board")
    : Exception($"No task '{id}' {where}.")
{
    public string TaskId { get; } = id;
}

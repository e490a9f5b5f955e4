namespace Letta.Tasks;

/// <summary>Published by the task board after a task was deleted.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record TaskDeleted(string TaskId, DateTimeOffset OccurredAt);

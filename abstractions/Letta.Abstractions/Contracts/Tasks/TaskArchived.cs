namespace Letta.Tasks;

/// <summary>Published by the task board after a completed task moved to the archive.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record TaskArchived(string TaskId, DateTimeOffset OccurredAt);

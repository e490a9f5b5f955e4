namespace Letta.Tasks;

/// <summary>Published by the task board after a task's fields changed (other than a move).</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Title">Its title after the change.</param>
/// <param name="Status">Its column after the change.</param>
/// <param name="Priority">Its priority after the change.</param>
/// <param name="Version">Its per-task version after the change.</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record TaskUpdated(string TaskId, string Title, string Status, string Priority, long Version, DateTimeOffset OccurredAt);

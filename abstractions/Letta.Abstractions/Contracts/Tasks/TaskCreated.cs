namespace Letta.Tasks;

/// <summary>Published by the task board after a task was created.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">Its column: <c>Backlog</c>, <c>InProgress</c>, <c>Review</c> or <c>Completed</c>.</param>
/// <param name="Priority">Its priority: <c>Low</c>, <c>Medium</c>, <c>High</c> or <c>Urgent</c>.</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record TaskCreated(string TaskId, string Title, string Status, string Priority, DateTimeOffset OccurredAt);

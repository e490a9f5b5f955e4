namespace Letta.Tasks;

/// <summary>Published by the task board after a task moved to another column or position.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="FromStatus">The column it left.</param>
/// <param name="ToStatus">The column it is in now.</param>
/// <param name="Position">Its zero-based position within <paramref name="ToStatus"/>.</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record TaskMoved(string TaskId, string FromStatus, string ToStatus, int Position, DateTimeOffset OccurredAt);

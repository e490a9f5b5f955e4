namespace Letta.Plugins.Tasks;

/// <summary>The request clashes with the task's current state, e.g. a stale expected version (→ 409).</summary>
internal sealed class TaskConflictException(string message) : Exception(message);

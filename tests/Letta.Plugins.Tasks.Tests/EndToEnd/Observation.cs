namespace Letta.Plugins.Tasks.Tests.EndToEnd;

/// <summary>What one acknowledged operation says a task looks like afterwards; the highest version is the final word.</summary>
internal sealed record Observation(string TaskId, long Version, string State, string? Title, string? Status, string? Priority, string Operation);

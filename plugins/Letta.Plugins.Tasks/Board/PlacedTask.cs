using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>A task with its zero-based position in its column (-1 for an archived task).</summary>
internal sealed record PlacedTask(TaskItem Task, int Position, bool IsArchived = false);

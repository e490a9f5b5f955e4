using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>What one file held, read because it changed: facts to merge into the board.</summary>
internal sealed record BoardDelta(IReadOnlyList<TaskItem> Active, IReadOnlyList<TaskItem> Archived, IReadOnlyList<Tombstone> Deleted);

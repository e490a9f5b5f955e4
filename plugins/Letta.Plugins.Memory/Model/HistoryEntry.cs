namespace Letta.Plugins.Memory.Model;

/// <summary>One append-only history row: the memory as it was after <see cref="Event"/> produced <see cref="Snapshot"/>'s version.</summary>
internal sealed record HistoryEntry(string Event, DateTimeOffset ChangedAt, MemoryRecord Snapshot);

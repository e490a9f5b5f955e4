namespace Letta.Plugins.Memory.Model;

/// <summary>One page of a list; <see cref="Next"/> is <see langword="null"/> on the last page.</summary>
internal sealed record ListPage(IReadOnlyList<MemoryRecord> Items, ListCursor? Next);

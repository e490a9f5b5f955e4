namespace Letta.Memories;

/// <summary>One page of memory search results.</summary>
/// <param name="Items">The hits, best first.</param>
/// <param name="NextCursor">Pass as <see cref="SearchMemories.Cursor"/> for the next page; <see langword="null"/> on the last page.</param>
public sealed record MemoryPage(IReadOnlyList<MemoryHit> Items, string? NextCursor);

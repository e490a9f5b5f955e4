namespace Letta.Memories;

/// <summary>One memory found by a search.</summary>
/// <param name="MemoryId">The memory's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Snippet">A short excerpt with the matched terms highlighted by <c>[</c> and <c>]</c>.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Rank">The relevance score; higher is better; comparable only within one search.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record MemoryHit(string MemoryId, string Title, string Snippet, IReadOnlyList<string> Tags, double Rank, DateTimeOffset UpdatedAt);

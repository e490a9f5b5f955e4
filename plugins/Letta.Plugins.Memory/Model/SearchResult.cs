namespace Letta.Plugins.Memory.Model;

/// <summary>One page of search hits, best first; <see cref="HasMore"/> when another page follows.</summary>
internal sealed record SearchResult(IReadOnlyList<SearchHitRecord> Items, bool HasMore);

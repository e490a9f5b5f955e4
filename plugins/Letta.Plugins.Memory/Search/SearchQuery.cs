namespace Letta.Plugins.Memory.Search;

/// <summary>
/// A parsed web-search query: every clause must match (a clause is one or more alternatives joined by <c>OR</c>)
/// and no excluded term may match.
/// </summary>
internal sealed record SearchQuery(IReadOnlyList<IReadOnlyList<SearchTerm>> Clauses, IReadOnlyList<SearchTerm> Excluded);

namespace Letta.Plugins.Memory.Search;

/// <summary>
/// One searchable item: a single word (matched as a prefix unless it was quoted) or a quoted phrase of several
/// words in order. Words hold letters and digits only, so they are safe to render into any query language.
/// </summary>
internal sealed record SearchTerm(IReadOnlyList<string> Words, bool Exact)
{
    public bool IsPrefix => !Exact && Words.Count == 1;
}

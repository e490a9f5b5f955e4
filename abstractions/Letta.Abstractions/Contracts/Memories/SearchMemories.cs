using Letta.Messaging;

namespace Letta.Memories;

/// <summary>A hub request to the memory store for a full-text search; answered with a <see cref="MemoryPage"/>.</summary>
/// <param name="Query">Web-search syntax: words, <c>"quoted phrases"</c>, <c>OR</c>, <c>-exclude</c>; prefixes match.</param>
/// <param name="Limit">Maximum hits on the page (1–200).</param>
public sealed record SearchMemories(string Query, int Limit = 20) : IRequest<MemoryPage>
{
    /// <summary>Only memories carrying at least one of these tags; empty for no filter.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The <see cref="MemoryPage.NextCursor"/> of the previous page, or <see langword="null"/> for the first.</summary>
    public string? Cursor { get; init; }
}

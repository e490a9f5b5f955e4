namespace Letta.Plugins.Memory.Model;

/// <summary>Filters shared by list and search. Empty/null members do not filter.</summary>
internal sealed record MemoryFilter
{
    public static MemoryFilter None { get; } = new();

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><see langword="true"/>: every tag must be present; else any one of them.</summary>
    public bool AllTags { get; init; }

    /// <summary>A JSON object the memory's metadata must contain (PostgreSQL <c>@&gt;</c> semantics).</summary>
    public string? MetadataJson { get; init; }

    public string? Source { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }
}

namespace Letta.Plugins.Memory.Model;

/// <summary>Validated input for a patch: only the fields that were present in the request are set.</summary>
internal sealed record MemoryPatch
{
    public string? Title { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? MetadataJson { get; init; }
    public bool HasSource { get; init; }
    public string? Source { get; init; }

    public MemoryRecord ApplyTo(MemoryRecord current) => current with
    {
        Title = Title ?? current.Title,
        Content = Content ?? current.Content,
        Tags = Tags ?? current.Tags,
        MetadataJson = MetadataJson ?? current.MetadataJson,
        Source = HasSource ? Source : current.Source,
    };
}

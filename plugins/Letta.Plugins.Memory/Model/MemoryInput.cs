namespace Letta.Plugins.Memory.Model;

/// <summary>
/// Unvalidated memory fields as a caller sent them. <see cref="Present"/> names the fields that were given, which a
/// patch needs to tell "absent" from "set to null".
/// </summary>
internal sealed record MemoryInput
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? MetadataJson { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public long? Version { get; init; }
    public IReadOnlySet<string> Present { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool Has(string field) => Present.Contains(field);

    /// <summary>An input with the usual fields present (for code callers and tests).</summary>
    public static MemoryInput Of(string? content, string? title = null, IReadOnlyList<string>? tags = null, string? metadataJson = null, string? source = null)
    {
        var present = new HashSet<string>(StringComparer.Ordinal) { "content" };
        if (title is not null)
        {
            present.Add("title");
        }

        if (tags is not null)
        {
            present.Add("tags");
        }

        if (metadataJson is not null)
        {
            present.Add("metadata");
        }

        if (source is not null)
        {
            present.Add("source");
        }

        return new MemoryInput { Content = content, Title = title, Tags = tags, MetadataJson = metadataJson, Source = source, Present = present };
    }
}

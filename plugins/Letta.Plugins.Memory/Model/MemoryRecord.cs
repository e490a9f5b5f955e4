namespace Letta.Plugins.Memory.Model;

/// <summary>A stored memory. <see cref="MetadataJson"/> is always a JSON object's text.</summary>
internal sealed record MemoryRecord(
    string Id,
    string Title,
    string Content,
    IReadOnlyList<string> Tags,
    string MetadataJson,
    string? Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

namespace Letta.Plugins.Memory.Model;

/// <summary>Validated, normalised input for a create or a full replace.</summary>
internal sealed record MemoryDraft(string Title, string Content, IReadOnlyList<string> Tags, string MetadataJson, string? Source);

using System.Text.Json.Serialization;
using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>One path in a device's manifest: the version that device holds (or a tombstone).</summary>
internal sealed record ManifestEntry
{
    [JsonPropertyName("path")] public required string Path { get; init; }

    [JsonPropertyName("sha256")] public string? Sha { get; init; }

    [JsonPropertyName("size")] public long Size { get; init; }

    [JsonPropertyName("mtimeNs")] public long MtimeNs { get; init; }

    /// <summary>The blob holding the content; equals <see cref="Sha"/> except for unit directories.</summary>
    [JsonPropertyName("blob")] public string? Blob { get; init; }

    /// <summary>Version vector, <c>SHORTID:counter,…</c> sorted by id.</summary>
    [JsonPropertyName("version")] public required string Version { get; init; }

    /// <summary>Short id of the device whose edit produced this content (names conflict copies identically everywhere).</summary>
    [JsonPropertyName("author")] public string? Author { get; init; }

    // Left out when false / 0 (every live entry): a 100,000-entry manifest is written and read on every change.
    [JsonPropertyName("deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; init; }

    [JsonPropertyName("deletedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long DeletedAt { get; init; }

    /// <summary><c>dir</c> for a directory (no content); absent for a file.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>A tombstone whose deletion its device forced past the deletion limit: peers apply it without being forced.</summary>
    [JsonPropertyName("forced")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Forced { get; init; }

    [JsonIgnore]
    public bool IsDirectory => Type == DirectoryType;

    public const string DirectoryType = "dir";

    private VersionVector? _vector;

    [JsonIgnore]
    public VersionVector Vector => _vector ??= VersionVector.Parse(Version);

    /// <summary>Whether two entries describe the same content (both tombstones, both directories, or the same hash).</summary>
    public bool SameContent(ManifestEntry other) => Deleted ? other.Deleted : !other.Deleted && Sha == other.Sha && IsDirectory == other.IsDirectory;
}

using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>
/// One path of a category in state.db: the <b>base</b> (the version this device last agreed on and publishes)
/// plus the <b>local cache</b> (the stat tuple of the local file when it was last hashed, and that hash).
/// </summary>
internal sealed class StateRow
{
    public required string Path { get; init; }

    public bool HasBase { get; set; }

    public string? Sha { get; set; }

    public long Size { get; set; }

    public long MtimeNs { get; set; }

    /// <summary>The blob holding the content (differs from <see cref="Sha"/> only for unit directories).</summary>
    public string? Blob { get; set; }

    public string? VersionText { get; set; }

    public string? Author { get; set; }

    public bool Deleted { get; set; }

    /// <summary>A directory (synced so that empty ones exist everywhere), and whether a deletion was forced.</summary>
    public StateRowFlags Flags { get; set; }

    public bool IsDirectory => (Flags & StateRowFlags.Directory) != 0;

    public bool Forced => (Flags & StateRowFlags.ForcedDeletion) != 0;

    public long DeletedAt { get; set; }

    /// <summary>Cached local stat; <c>-1</c> means "no cache, hash next time".</summary>
    public long LocalSize { get; set; } = -1;

    public long LocalMtimeNs { get; set; }

    public long LocalFileId { get; set; }

    public string? LocalSha { get; set; }

    private VersionVector? _version;

    public VersionVector Version
    {
        get => _version ??= VersionVector.Parse(VersionText);
        set
        {
            _version = value;
            VersionText = value.ToString();
        }
    }

    public bool IsLive => HasBase && !Deleted;

    public StateRow Clone() => (StateRow)MemberwiseClone();
}

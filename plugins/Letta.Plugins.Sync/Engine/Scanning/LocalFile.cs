namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>One local item found by a scan (a file, a database snapshot or a unit directory).</summary>
internal sealed class LocalFile
{
    public required string Key { get; init; }

    /// <summary>The relative path as spelled on disk (may be NFD while <see cref="Key"/> is NFC).</summary>
    public required string DiskPath { get; init; }

    public FileStat Stat { get; init; }

    /// <summary>A directory synced as an entry of its own (empty, or synced before): no content, never hashed.</summary>
    public bool IsDirectory { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the content; <see langword="null"/> until hashed.</summary>
    public string? Sha { get; set; }

    /// <summary>Whether the stat tuple differs from the cached one (so the file had to be hashed).</summary>
    public bool StatChanged { get; set; }

    /// <summary>Modified within the filesystem's timestamp granularity of the scan: cache it as "rehash next time".</summary>
    public bool Racy { get; init; }

    /// <summary>Evicted, dataless, locked or unreadable: never deleted, never overwritten, never published as changed.</summary>
    public string? UnavailableReason { get; set; }

    public bool Unavailable => UnavailableReason is not null;

    /// <summary>For <see cref="SyncCategoryKind.Sqlite"/>: the consistent snapshot that was hashed and will be uploaded.</summary>
    public string? SnapshotPath { get; set; }

    /// <summary>Size of the content that is hashed (the snapshot's size for databases, the sum for units).</summary>
    public long ContentSize { get; set; }

    /// <summary>The content's modification time shipped in the manifest.</summary>
    public long ContentMtimeNs { get; set; }
}

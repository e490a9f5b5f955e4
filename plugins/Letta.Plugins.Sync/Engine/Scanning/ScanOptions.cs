namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>Knobs of one scan.</summary>
internal sealed class ScanOptions
{
    /// <summary>Key paths case-folded to detect clashes (macOS/Windows volumes). Default: false (Linux).</summary>
    public bool CaseInsensitive { get; init; }

    /// <summary>Hashing workers; default one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Where database snapshots are made (outside the category root).</summary>
    public string SnapshotDirectory { get; init; } = Path.GetTempPath();

    /// <summary>
    /// Test seam for states Linux cannot produce (dataless iCloud files, files locked by another app, or unreadable
    /// files when tests run as root): returns a reason for a full path, or null.
    /// </summary>
    public Func<string, string?>? UnavailableProbe { get; init; }

    /// <summary>A file modified this close to the scan start is cached as "rehash next time" (racy-mtime rule).</summary>
    public static readonly long RacyWindowNs = 2_000_000_000L;
}

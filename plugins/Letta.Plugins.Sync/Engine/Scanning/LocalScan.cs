namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>The result of scanning a category root.</summary>
internal sealed class LocalScan
{
    public Dictionary<string, LocalFile> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Leftover <c>*.synctmp</c> files or directories from an interrupted run (absolute paths).</summary>
    public List<string> Leftovers { get; } = [];

    public List<ScanIssue> Issues { get; } = [];

    /// <summary>Directories that are symbolic links now (canonical keys): not followed, not read as deleted.</summary>
    public List<string> LinkedDirectories { get; } = [];

    /// <summary>How many files had to be hashed (0 on a no-change rescan).</summary>
    public int Hashed { get; set; }

    public long HashedBytes { get; set; }

    /// <summary>Files whose stat tuple changed since the cached state (for the mass-change gate).</summary>
    public int StatChanged { get; set; }
}

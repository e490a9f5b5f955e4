namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>The result of scanning a category root.</summary>
internal sealed class LocalScan
{
    /// <summary>Everything the scan keeps: files, plus the directories that are entries of their own.</summary>
    public Dictionary<string, LocalFile> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>How many of <see cref="Files"/> are files (not directories): what the empty-side gate counts.</summary>
    public int FileCount => Files.Values.Count(f => !f.IsDirectory);

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

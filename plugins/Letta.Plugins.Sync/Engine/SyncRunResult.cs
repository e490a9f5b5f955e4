using Letta.Plugins.Sync.Engine.Applying;
using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Engine;

/// <summary>What one category run did (or, for a dry-run, would do).</summary>
internal sealed class SyncRunResult
{
    public required string Category { get; init; }

    public bool DryRun { get; init; }

    public bool Succeeded { get; set; }

    /// <summary>The gate or error that stopped the run (for a dry-run: the gate that would trip).</summary>
    public string? Failure { get; set; }

    public SyncGate? Gate { get; set; }

    public List<PlanItem> Plan { get; } = [];

    public List<ScanIssue> Issues { get; } = [];

    public List<ScanIssue> Errors { get; } = [];

    public List<(string Path, string ConflictPath, string? Other)> Conflicts { get; } = [];

    /// <summary>Every file that left the working tree for the versions folder in this run, and why.</summary>
    public List<VersionedFile> MovedToVersions { get; } = [];

    /// <summary>Files in the cloud folder Letta did not write (iCloud duplicates); each is reported in <see cref="Issues"/> once only.</summary>
    public int ForeignFiles { get; set; }

    public int FilesSent { get; set; }

    public int FilesReceived { get; set; }

    public int FilesDeleted { get; set; }

    /// <summary>Content bytes of the files sent (uploaded, or already in the cloud and only published).</summary>
    public long BytesSent { get; set; }

    /// <summary>Content bytes of the files received.</summary>
    public long BytesReceived { get; set; }

    /// <summary>Receive-only divergence: local edits, additions or deletions not published (undone by a revert).</summary>
    public int LocalNotPublished => Plan.Count(p => p.Action == PlanAction.LocalUnpublished);

    /// <summary>Send-only divergence: remote edits not applied here (overwritten in the cluster by an override).</summary>
    public int RemoteNotApplied => Plan.Count(p => p.Action == PlanAction.RemoteNotApplied);

    public int Hashed { get; set; }

    public long HashedBytes { get; set; }

    public int LocalFiles { get; set; }

    public bool Published { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Milliseconds spent per phase (open, scan, remote, hash, plan, execute, publish), for diagnostics and benchmarks.</summary>
    public Dictionary<string, double> PhaseMs { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>The plan as printed by <c>letta sync plan</c>.</summary>
    public IEnumerable<string> PlanLines => Plan.Where(p => p.Action is not PlanAction.UpdateVersion).Select(p => p.ToString());
}

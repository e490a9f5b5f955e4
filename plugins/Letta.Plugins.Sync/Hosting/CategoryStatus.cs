namespace Letta.Plugins.Sync.Hosting;

/// <summary>The last run of one category, as shown by <c>letta sync status</c>.</summary>
internal sealed record CategoryStatus
{
    public required string Category { get; init; }

    public DateTimeOffset? LastRunAt { get; init; }

    public bool? LastRunSucceeded { get; init; }

    public string? LastFailure { get; init; }

    public double LastDurationMs { get; init; }

    public int FilesSent { get; init; }

    public int FilesReceived { get; init; }

    public int FilesDeleted { get; init; }

    public int Conflicts { get; init; }

    public int Errors { get; init; }

    public int Issues { get; init; }

    public int LocalFiles { get; init; }

    /// <summary>Files in the cloud folder Letta did not write (iCloud duplicates, safe to delete).</summary>
    public int ForeignFiles { get; init; }

    /// <summary>Receive-only: local edits, additions or deletions not published (a revert undoes them).</summary>
    public int LocalNotPublished { get; init; }

    /// <summary>Send-only: remote edits not applied here (an override republishes the local state over them).</summary>
    public int RemoteNotApplied { get; init; }

    public IReadOnlyList<string> RecentErrors { get; init; } = [];

    /// <summary>Files the last run moved out of the working tree into the versions folder (replaced, deleted, conflicts, pruned).</summary>
    public int MovedToVersions { get; init; }

    /// <summary>The first of them: path, reason and where each is kept.</summary>
    public IReadOnlyList<string> RecentlyMovedToVersions { get; init; } = [];
}

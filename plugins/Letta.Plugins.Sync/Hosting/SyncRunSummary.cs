using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>The JSON shape of one category run (or plan) on the REST API.</summary>
public sealed record SyncRunSummary
{
    public required string Category { get; init; }

    public bool DryRun { get; init; }

    public bool Succeeded { get; init; }

    public string? Failure { get; init; }

    public string? Gate { get; init; }

    public int FilesSent { get; init; }

    public int FilesReceived { get; init; }

    public int FilesDeleted { get; init; }

    public int Hashed { get; init; }

    public long HashedBytes { get; init; }

    public int LocalFiles { get; init; }

    /// <summary>Receive-only divergence: local edits, additions or deletions not published.</summary>
    public int LocalNotPublished { get; init; }

    /// <summary>Send-only divergence: remote edits not applied here.</summary>
    public int RemoteNotApplied { get; init; }

    public double DurationMs { get; init; }

    public IReadOnlyList<string> Plan { get; init; } = [];

    public IReadOnlyList<SyncConflictInfo> Conflicts { get; init; } = [];

    public IReadOnlyList<SyncIssueInfo> Issues { get; init; } = [];

    public IReadOnlyList<SyncIssueInfo> Errors { get; init; } = [];

    internal static SyncRunSummary From(SyncRunResult r) => new()
    {
        Category = r.Category,
        DryRun = r.DryRun,
        Succeeded = r.Succeeded,
        Failure = r.Failure,
        Gate = r.Gate?.ToString(),
        FilesSent = r.FilesSent,
        FilesReceived = r.FilesReceived,
        FilesDeleted = r.FilesDeleted,
        Hashed = r.Hashed,
        HashedBytes = r.HashedBytes,
        LocalFiles = r.LocalFiles,
        LocalNotPublished = r.LocalNotPublished,
        RemoteNotApplied = r.RemoteNotApplied,
        DurationMs = Math.Round(r.Duration.TotalMilliseconds, 1),
        Plan = r.PlanLines.ToList(),
        Conflicts = r.Conflicts.Select(c => new SyncConflictInfo(r.Category, c.Path, c.ConflictPath, c.Other)).ToList(),
        Issues = r.Issues.Select(i => new SyncIssueInfo(i.Path, i.Kind, i.Message)).ToList(),
        Errors = r.Errors.Select(i => new SyncIssueInfo(i.Path, i.Kind, i.Message)).ToList(),
    };
}

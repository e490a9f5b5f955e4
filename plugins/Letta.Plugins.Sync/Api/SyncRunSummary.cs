using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Applying;
using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Api;

/// <summary>
/// The JSON shape of one category run (or plan) on the REST API. A summary: counts per plan action and the first
/// <see cref="ListLimit"/> plan lines, issues, errors and moves to versions, each with its total; the whole plan only
/// on request (a first sync of 100,000 files would otherwise answer with 100,000 lines).
/// </summary>
internal sealed record SyncRunSummary
{
    public const int ListLimit = 100;

    public required string Category { get; init; }

    public bool DryRun { get; init; }

    public bool Succeeded { get; init; }

    public string? Failure { get; init; }

    public string? Gate { get; init; }

    public int FilesSent { get; init; }

    public int FilesReceived { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public int FilesDeleted { get; init; }

    public int Hashed { get; init; }

    public long HashedBytes { get; init; }

    public int LocalFiles { get; init; }

    /// <summary>Files in the cloud folder Letta did not write (iCloud duplicates), listed in the issues only the first time.</summary>
    public int ForeignFiles { get; init; }

    /// <summary>Receive-only divergence: local edits, additions or deletions not published.</summary>
    public int LocalNotPublished { get; init; }

    /// <summary>Send-only divergence: remote edits not applied here.</summary>
    public int RemoteNotApplied { get; init; }

    public double DurationMs { get; init; }

    /// <summary>Milliseconds per phase of the run (scan, remote, plan, upload, apply, publish …), for diagnosis.</summary>
    public IReadOnlyDictionary<string, double> PhaseMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Plan operations by action (version-only updates left out, as in the plan lines).</summary>
    public IReadOnlyDictionary<string, int> PlanCounts { get; init; } = new Dictionary<string, int>();

    public int PlanTotal { get; init; }

    /// <summary>The plan lines: all of them with <c>fullPlan</c>, else the first <see cref="ListLimit"/>.</summary>
    public IReadOnlyList<string> Plan { get; init; } = [];

    public IReadOnlyList<SyncConflictInfo> Conflicts { get; init; } = [];

    public int IssueTotal { get; init; }

    public IReadOnlyList<SyncIssueInfo> Issues { get; init; } = [];

    public int ErrorTotal { get; init; }

    public IReadOnlyList<SyncIssueInfo> Errors { get; init; } = [];

    /// <summary>Files that left the working tree for the versions folder, and why (every one of them is in the total).</summary>
    public int MovedToVersionsTotal { get; init; }

    public IReadOnlyList<VersionedFile> MovedToVersions { get; init; } = [];

    public static SyncRunSummary From(SyncRunResult r, bool fullPlan = false)
    {
        List<PlanItem> shown = r.Plan.Where(p => p.Action != PlanAction.UpdateVersion).ToList();
        return new SyncRunSummary
        {
            Category = r.Category,
            DryRun = r.DryRun,
            Succeeded = r.Succeeded,
            Failure = r.Failure,
            Gate = r.Gate?.ToString(),
            FilesSent = r.FilesSent,
            FilesReceived = r.FilesReceived,
            BytesSent = r.BytesSent,
            BytesReceived = r.BytesReceived,
            FilesDeleted = r.FilesDeleted,
            Hashed = r.Hashed,
            HashedBytes = r.HashedBytes,
            LocalFiles = r.LocalFiles,
            ForeignFiles = r.ForeignFiles,
            LocalNotPublished = r.LocalNotPublished,
            RemoteNotApplied = r.RemoteNotApplied,
            DurationMs = Math.Round(r.Duration.TotalMilliseconds, 1),
            PhaseMs = r.PhaseMs,
            PlanCounts = shown.GroupBy(p => p.Action.ToString()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            PlanTotal = shown.Count,
            Plan = (fullPlan ? shown : shown.Take(ListLimit)).Select(p => p.ToString()).ToList(),
            Conflicts = r.Conflicts.Select(c => new SyncConflictInfo(r.Category, c.Path, c.ConflictPath, c.Other)).ToList(),
            IssueTotal = r.Issues.Count,
            Issues = r.Issues.Take(ListLimit).Select(i => new SyncIssueInfo(i.Path, i.Kind, i.Message)).ToList(),
            ErrorTotal = r.Errors.Count,
            Errors = r.Errors.Take(ListLimit).Select(i => new SyncIssueInfo(i.Path, i.Kind, i.Message)).ToList(),
            MovedToVersionsTotal = r.MovedToVersions.Count,
            MovedToVersions = r.MovedToVersions.Take(ListLimit).ToList(),
        };
    }
}

using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>
/// A lagged device's sync session (a run on a half-delivered copy, then a run on the whole one) as one result, so a
/// scenario asserts on what the device did in the session: counts, conflicts and issues of both runs, the newest plan
/// item per path, and the outcome and errors of the last run (the first run's errors, and its ignored half-delivered
/// manifests, are artefacts of the lag).
/// </summary>
internal static class SessionResult
{
    public static SyncRunResult Combine(SyncRunResult first, SyncRunResult last)
    {
        var combined = new SyncRunResult { Category = last.Category, DryRun = last.DryRun };
        combined.Succeeded = last.Succeeded;
        combined.Failure = last.Failure;
        combined.Gate = last.Gate;
        combined.FilesSent = first.FilesSent + last.FilesSent;
        combined.FilesReceived = first.FilesReceived + last.FilesReceived;
        combined.FilesDeleted = first.FilesDeleted + last.FilesDeleted;
        combined.Hashed = first.Hashed + last.Hashed;
        combined.HashedBytes = first.HashedBytes + last.HashedBytes;
        combined.LocalFiles = last.LocalFiles;
        combined.ForeignFiles = last.ForeignFiles;
        combined.Published = first.Published || last.Published;
        combined.Duration = first.Duration + last.Duration;
        combined.FinishedAt = last.FinishedAt;
        combined.Conflicts.AddRange(first.Conflicts);
        combined.Conflicts.AddRange(last.Conflicts);
        combined.Issues.AddRange(first.Issues.Where(i => i.Kind != "manifest-ignored" && !last.Issues.Contains(i)));
        combined.Issues.AddRange(last.Issues);
        combined.Errors.AddRange(last.Errors);
        var lastKeys = new HashSet<string>(last.Plan.Select(p => p.Key), StringComparer.Ordinal);
        combined.Plan.AddRange(first.Plan.Where(p => !lastKeys.Contains(p.Key)));
        combined.Plan.AddRange(last.Plan);
        combined.Plan.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        foreach ((string phase, double ms) in last.PhaseMs)
        {
            combined.PhaseMs[phase] = ms;
        }

        return combined;
    }
}

namespace Letta.Plugins.Sync.Hosting;

/// <summary>A reported path (unavailable, case conflict, foreign file, error…).</summary>
public sealed record SyncIssueInfo(string Path, string Kind, string Message);

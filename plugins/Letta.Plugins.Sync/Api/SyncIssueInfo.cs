namespace Letta.Plugins.Sync.Api;

/// <summary>A reported path (unavailable, case conflict, foreign file, error…).</summary>
internal sealed record SyncIssueInfo(string Path, string Kind, string Message);

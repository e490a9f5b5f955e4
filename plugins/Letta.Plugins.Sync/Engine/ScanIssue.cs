namespace Letta.Plugins.Sync.Engine;

/// <summary>Something a scan or plan reports without acting on it (unavailable file, case clash, foreign copy…).</summary>
/// <param name="Path">The relative path concerned.</param>
/// <param name="Kind">A short machine-readable kind, e.g. <c>unavailable</c>, <c>case-conflict</c>, <c>too-large</c>.</param>
/// <param name="Message">What happened and what to do.</param>
internal sealed record ScanIssue(string Path, string Kind, string Message);

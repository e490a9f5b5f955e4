namespace Letta.Plugins.Sync.Api;

/// <summary>A conflict kept as two files.</summary>
internal sealed record SyncConflictInfo(string Category, string Path, string ConflictPath, string? OtherDevice);

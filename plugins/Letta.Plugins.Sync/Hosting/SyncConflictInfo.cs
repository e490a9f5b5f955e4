namespace Letta.Plugins.Sync.Hosting;

/// <summary>A conflict kept as two files.</summary>
public sealed record SyncConflictInfo(string Category, string Path, string ConflictPath, string? OtherDevice);

namespace Letta.Sync;

/// <summary>Published by the sync plugin when two devices changed one file differently and both copies were kept.</summary>
/// <param name="Category">The category.</param>
/// <param name="Path">The relative path that kept the winning copy.</param>
/// <param name="ConflictPath">The relative path of the losing copy (<c>name.sync-conflict-…</c>).</param>
/// <param name="OtherDeviceId">The device whose edit collided with this one.</param>
/// <param name="OccurredAt">When the conflict was resolved (UTC).</param>
public sealed record SyncConflictDetected(string Category, string Path, string ConflictPath, string OtherDeviceId, DateTimeOffset OccurredAt);

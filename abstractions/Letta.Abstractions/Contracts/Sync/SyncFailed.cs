namespace Letta.Sync;

/// <summary>Published by the sync plugin when a category's run stopped without finishing (a safety gate or an error).</summary>
/// <param name="Category">The category.</param>
/// <param name="Reason">What stopped it and what to do about it.</param>
/// <param name="OccurredAt">When it stopped (UTC).</param>
public sealed record SyncFailed(string Category, string Reason, DateTimeOffset OccurredAt);

namespace Letta.Sync;

/// <summary>Published by the sync plugin after a category's run finished.</summary>
/// <param name="Category">The category, e.g. <c>memories</c>.</param>
/// <param name="DeviceId">This device's id.</param>
/// <param name="FilesSent">Files written to the cloud folder.</param>
/// <param name="FilesReceived">Files written to the local folder.</param>
/// <param name="FilesDeleted">Files deleted (moved to the local versions folder) on either side.</param>
/// <param name="Conflicts">Conflicts resolved by keeping both copies.</param>
/// <param name="Duration">How long the run took.</param>
/// <param name="OccurredAt">When the run finished (UTC).</param>
public sealed record SyncCompleted(string Category, string DeviceId, int FilesSent, int FilesReceived, int FilesDeleted, int Conflicts, TimeSpan Duration, DateTimeOffset OccurredAt);

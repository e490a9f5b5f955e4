namespace Letta.Memories;

/// <summary>Published by the memory store after a memory was deleted (it stays restorable from its history).</summary>
/// <param name="MemoryId">The memory's id.</param>
/// <param name="Version">The version that records the deletion.</param>
/// <param name="OccurredAt">When the deletion was committed (UTC).</param>
public sealed record MemoryDeleted(string MemoryId, long Version, DateTimeOffset OccurredAt);

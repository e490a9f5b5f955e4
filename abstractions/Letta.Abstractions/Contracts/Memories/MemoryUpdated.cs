namespace Letta.Memories;

/// <summary>Published by the memory store after a memory was replaced, patched or restored.</summary>
/// <param name="MemoryId">The memory's id.</param>
/// <param name="Title">Its title after the change.</param>
/// <param name="Tags">Its tags after the change.</param>
/// <param name="Version">Its version after the change.</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record MemoryUpdated(string MemoryId, string Title, IReadOnlyList<string> Tags, long Version, DateTimeOffset OccurredAt);

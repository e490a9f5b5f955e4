namespace Letta.Memories;

/// <summary>Published by the memory store after a memory was stored.</summary>
/// <param name="MemoryId">The memory's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Source">Where it came from (a tool or device name), if known.</param>
/// <param name="Version">Its version after the change (1 for a new memory).</param>
/// <param name="OccurredAt">When the change was committed (UTC).</param>
public sealed record MemoryCreated(string MemoryId, string Title, IReadOnlyList<string> Tags, string? Source, long Version, DateTimeOffset OccurredAt);

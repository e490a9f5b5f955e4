namespace Letta.Plugins.Sync.Engine.Cloud.Packs;

/// <summary>
/// One blob inside a pack: the content's SHA-256, where its record starts and how long the record is. A record is
/// a complete loose-format blob (8-byte header, then the content), so <see cref="Length"/> includes the header.
/// </summary>
internal readonly record struct PackEntry(ContentKey Sha, long Offset, int Length);

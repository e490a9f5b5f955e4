namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>What the scanner compares with the cached state to decide whether a file must be hashed again.</summary>
/// <param name="Size">Length in bytes.</param>
/// <param name="MtimeNs">Modification time, nanoseconds since the Unix epoch.</param>
/// <param name="FileId">Inode number, or 0 where the platform does not tell.</param>
/// <param name="Dataless">macOS 14+ iCloud placeholder: <c>SF_DATALESS</c> is set, reading would block on the network.</param>
/// <param name="IsSymlink">The path itself is a symbolic link (lstat: not followed).</param>
internal readonly record struct FileStat(long Size, long MtimeNs, long FileId, bool Dataless, bool IsSymlink = false);

namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>Content of a category lock file.</summary>
internal sealed record CategoryLockInfo(int Pid, string Host, DateTimeOffset ExpiresAt);

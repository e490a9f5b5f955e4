namespace Letta.Plugins.Memory.Service;

/// <summary>The caller's expected version is stale; <see cref="CurrentVersion"/> is what is stored now (0 when deleted).</summary>
internal sealed class MemoryConflictException : Exception
{
    public MemoryConflictException()
    {
    }

    public MemoryConflictException(string message)
        : base(message)
    {
    }

    public MemoryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MemoryConflictException(string message, long currentVersion)
        : base(message)
    {
        CurrentVersion = currentVersion;
    }

    public long CurrentVersion { get; }
}

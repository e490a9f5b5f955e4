namespace Letta.Plugins.Memory.Service;

/// <summary>No memory (or history entry) with the given id / version.</summary>
internal sealed class MemoryNotFoundException : Exception
{
    public MemoryNotFoundException()
    {
    }

    public MemoryNotFoundException(string message)
        : base(message)
    {
    }

    public MemoryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

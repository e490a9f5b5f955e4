using System.Collections.Concurrent;
using Letta.Memories;
using Letta.Tasks;

namespace Letta.TestPlugins.Good;

/// <summary>Singleton record of what the (scoped) handlers received, read back by GET received*.</summary>
public sealed class ReceivedEvents
{
    public ConcurrentQueue<MemoryCreated> Memories { get; } = new();

    public ConcurrentQueue<TaskCreated> Tasks { get; } = new();
}

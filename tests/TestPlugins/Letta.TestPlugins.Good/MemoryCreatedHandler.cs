using Letta.Memories;
using Letta.Messaging;

namespace Letta.TestPlugins.Good;

/// <summary>Records every <see cref="MemoryCreated"/>; registered and subscribed by the host's scan.</summary>
public sealed class MemoryCreatedHandler(ReceivedEvents received) : IMessageHandler<MemoryCreated>
{
    public ValueTask HandleAsync(MemoryCreated message, CancellationToken cancellationToken)
    {
        received.Memories.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}

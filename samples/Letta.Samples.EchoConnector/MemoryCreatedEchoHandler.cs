using Letta.Memories;
using Letta.Messaging;

namespace Letta.Samples.EchoConnector;

/// <summary>Remembers every <see cref="MemoryCreated"/>; see <see cref="TaskCreatedEchoHandler"/>.</summary>
/// <param name="log">Where events are kept.</param>
public sealed class MemoryCreatedEchoHandler(EchoEventLog log) : IMessageHandler<MemoryCreated>
{
    /// <inheritdoc />
    public ValueTask HandleAsync(MemoryCreated message, CancellationToken cancellationToken)
    {
        log.Add(nameof(MemoryCreated), $"memory {message.MemoryId} \"{message.Title}\"");
        return ValueTask.CompletedTask;
    }
}

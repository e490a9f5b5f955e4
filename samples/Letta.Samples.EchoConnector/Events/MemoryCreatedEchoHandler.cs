using Letta.Memories;
using Letta.Messaging;

namespace Letta.Samples.EchoConnector.Events;

/// <summary>Remembers every <see cref="MemoryCreated"/>; see <see cref="TaskCreatedEchoHandler"/>.</summary>
/// <param name="log">Where events are kept.</param>
internal sealed class MemoryCreatedEchoHandler(EchoEventLog log) : IMessageHandler<MemoryCreated>
{
    /// <inheritdoc />
    public ValueTask HandleAsync(MemoryCreated message, CancellationToken cancellationToken)
    {
        log.Add(nameof(MemoryCreated), $"memory {message.MemoryId} \"{message.Title}\"");
        return ValueTask.CompletedTask;
    }
}

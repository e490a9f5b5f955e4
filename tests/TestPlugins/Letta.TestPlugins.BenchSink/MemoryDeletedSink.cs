using Letta.Memories;
using Letta.Messaging;
using Letta.Sync;

namespace Letta.TestPlugins.BenchSink;

/// <summary>
/// Counts events; an event whose Version is negative is a marker: the sink answers with a SyncCompleted whose
/// FilesSent carries how many events it has handled, so the benchmark can time a burst or a ping-pong.
/// </summary>
public sealed class MemoryDeletedSink(SinkCounter counter, IMessageHub hub) : IMessageHandler<MemoryDeleted>
{
    public ValueTask HandleAsync(MemoryDeleted message, CancellationToken cancellationToken)
    {
        long handled = counter.Increment();
        return message.Version < 0
            ? hub.PublishAsync(new SyncCompleted("bench", message.MemoryId, (int)handled, 0, 0, 0, TimeSpan.Zero, message.OccurredAt), cancellationToken)
            : ValueTask.CompletedTask;
    }
}

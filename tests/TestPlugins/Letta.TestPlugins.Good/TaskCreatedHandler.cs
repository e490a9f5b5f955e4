using Letta.Messaging;
using Letta.Tasks;

namespace Letta.TestPlugins.Good;

/// <summary>
/// Records every <see cref="TaskCreated"/>, except that a task titled "boom" throws, so tests can check
/// handler failures are counted and never reach the publisher. Its queue is set by <see cref="HubSubscriptionAttribute"/>.
/// </summary>
[HubSubscription(Capacity = 4096, FullMode = QueueFullMode.Wait)]
public sealed class TaskCreatedHandler(ReceivedEvents received) : IMessageHandler<TaskCreated>
{
    public ValueTask HandleAsync(TaskCreated message, CancellationToken cancellationToken)
    {
        if (message.Title == "boom")
        {
            throw new InvalidOperationException("boom handler exploded");
        }

        received.Tasks.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}

using Letta.Messaging;
using Letta.Tasks;

namespace Letta.Samples.EchoConnector.Events;

/// <summary>
/// Remembers every <see cref="TaskCreated"/>. Implementing <see cref="IMessageHandler{TMessage}"/> in the
/// entry assembly is all it takes: the host registers the class and subscribes it, one DI scope per message.
/// </summary>
/// <param name="log">Where events are kept.</param>
internal sealed class TaskCreatedEchoHandler(EchoEventLog log) : IMessageHandler<TaskCreated>
{
    /// <inheritdoc />
    public ValueTask HandleAsync(TaskCreated message, CancellationToken cancellationToken)
    {
        log.Add(nameof(TaskCreated), $"task {message.TaskId} \"{message.Title}\" in {message.Status}");
        return ValueTask.CompletedTask;
    }
}

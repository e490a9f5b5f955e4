using Letta.Messaging;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Memory.Service;

/// <summary>
/// Publishes the memory events (<c>MemoryCreated</c>, <c>MemoryUpdated</c>, <c>MemoryDeleted</c>) after a commit.
/// A hub failure is logged, never thrown: the change is committed and the caller must not see it as failed.
/// </summary>
internal sealed partial class MemoryEvents(IMessageHub hub, ILogger<MemoryEvents> logger)
{
    public async Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : notnull
    {
        try
        {
            await hub.PublishAsync(message, cancellationToken);
        }
#pragma warning disable CA1031 // the change is committed; a hub problem must not turn it into an error for the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, ex, typeof(T).Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} failed; the change itself is committed.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string messageType);
}


namespace Letta.Host.Messaging;

/// <summary>The hub's log lines. Every line carries <c>{PluginId}</c> so the plugin at fault is searchable.</summary>
internal static partial class HubLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error,
        Message = "Plugin {PluginId}: handler for {MessageType} failed; the publisher and other subscribers are unaffected")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string pluginId, string messageType);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "Plugin {PluginId}: request handler for {RequestType} failed; the exception is returned to the requester")]
    public static partial void RequestHandlerFailed(ILogger logger, Exception exception, string pluginId, string requestType);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Plugin {PluginId}: queue for {MessageType} is full (capacity {Capacity}, {FullMode}); {Dropped} messages dropped so far ({Suppressed} warnings suppressed)")]
    public static partial void MessagesDropped(ILogger logger, string pluginId, string messageType, int capacity, string fullMode, long dropped, long suppressed);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error,
        Message = "Plugin {PluginId}: message type identity mix-up for {MessageType}: {Detail} ({Suppressed} repeats suppressed)")]
    public static partial void IdentityMismatch(ILogger logger, string pluginId, string messageType, string detail, long suppressed);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Plugin {PluginId}: {Count} message handlers did not stop within {Timeout} ({MessageTypes}); they are abandoned and finish in the background")]
    public static partial void StopTimedOut(ILogger logger, string pluginId, int count, TimeSpan timeout, string messageTypes);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information,
        Message = "Plugin {PluginId}: subscription to {MessageType} disposed with {Count} undelivered messages; they are discarded")]
    public static partial void QueueDiscarded(ILogger logger, string pluginId, string messageType, int count);
}

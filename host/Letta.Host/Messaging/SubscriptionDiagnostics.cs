namespace Letta.Host.Messaging;

/// <summary>One live subscription as shown on GET /api/plugins.</summary>
/// <param name="MessageType">Full name of the message type.</param>
/// <param name="QueueDepth">Messages queued and not yet handled.</param>
/// <param name="Capacity">Queue capacity.</param>
/// <param name="FullMode">What happens when the queue is full (<c>DropOldest</c>, <c>DropNewest</c>, <c>Wait</c>).</param>
/// <param name="Delivered">Messages handled successfully.</param>
/// <param name="Failed">Messages whose handler threw.</param>
/// <param name="Dropped">Messages lost because the queue was full.</param>
/// <param name="AverageHandlerMilliseconds">Mean handler duration; null before the first message.</param>
/// <param name="LastError">Message of the last handler exception.</param>
/// <param name="LastErrorAt">When it happened (UTC).</param>
internal sealed record SubscriptionDiagnostics(
    string MessageType,
    int QueueDepth,
    int Capacity,
    string FullMode,
    long Delivered,
    long Failed,
    long Dropped,
    double? AverageHandlerMilliseconds,
    string? LastError,
    DateTimeOffset? LastErrorAt);

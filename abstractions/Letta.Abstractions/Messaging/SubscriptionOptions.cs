namespace Letta.Messaging;

/// <summary>How one subscription queues events its handler has not yet taken.</summary>
public sealed record SubscriptionOptions
{
    /// <summary>The default options: capacity 1,024, <see cref="QueueFullMode.DropOldest"/>.</summary>
    public static SubscriptionOptions Default { get; } = new();

    /// <summary>Maximum queued events for this subscriber. Default: 1,024. Must be at least 1.</summary>
    public int Capacity { get; init; } = 1024;

    /// <summary>
    /// What a publish does when this subscriber's queue is full. Default: <see cref="QueueFullMode.DropOldest"/>,
    /// so a stuck subscriber never blocks a publisher; every drop is counted in the hub diagnostics and logged.
    /// </summary>
    public QueueFullMode FullMode { get; init; } = QueueFullMode.DropOldest;
}

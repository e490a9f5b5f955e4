namespace Letta.Messaging;

/// <summary>
/// Sets the queue of an <see cref="IMessageHandler{TMessage}"/> class the host subscribes for a plugin. Without it
/// a handler gets <see cref="SubscriptionOptions.Default"/>. A connector that must see every event (say, to mirror
/// tasks elsewhere) uses <c>[HubSubscription(FullMode = QueueFullMode.Wait)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HubSubscriptionAttribute : Attribute
{
    /// <summary>Maximum queued events. Default: 1,024. Must be at least 1.</summary>
    public int Capacity { get; set; } = SubscriptionOptions.Default.Capacity;

    /// <summary>What a publish does when the queue is full. Default: <see cref="QueueFullMode.DropOldest"/>.</summary>
    public QueueFullMode FullMode { get; set; } = SubscriptionOptions.Default.FullMode;

    /// <summary>The options this attribute describes.</summary>
    /// <returns>Subscription options with <see cref="Capacity"/> and <see cref="FullMode"/>.</returns>
    public SubscriptionOptions ToOptions() => new() { Capacity = Capacity, FullMode = FullMode };
}

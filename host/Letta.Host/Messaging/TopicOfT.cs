namespace Letta.Host.Messaging;

/// <summary>The subscribers of one message type, as a copy-on-write array so publishing takes no lock.</summary>
internal sealed class Topic<T>(string firstSeenBy, LogThrottle identityLogThrottle)
    : Topic(typeof(T), firstSeenBy, identityLogThrottle)
    where T : notnull
{
    private Subscription<T>[] _subscribers = [];

    /// <summary>The current subscribers; read without a lock on every publish.</summary>
    public Subscription<T>[] Subscribers => Volatile.Read(ref _subscribers);

    public override int SubscriberCount => Subscribers.Length;

    public override IReadOnlyList<Subscription> CurrentSubscriptions => Subscribers;

    /// <summary>Adds a subscriber; called under the hub's topic lock only.</summary>
    public void Add(Subscription<T> subscription) => Volatile.Write(ref _subscribers, [.. _subscribers, subscription]);

    /// <summary>Removes a subscriber; called under the hub's topic lock only.</summary>
    public void Remove(Subscription<T> subscription)
        => Volatile.Write(ref _subscribers, Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscription)));
}

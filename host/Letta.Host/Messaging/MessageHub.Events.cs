using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>Publish and subscribe.</summary>
internal sealed partial class MessageHub
{
    internal ValueTask PublishAsync<T>(PluginMessagingState publisher, T message, CancellationToken cancellationToken)
        where T : notnull
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        publisher.CountPublished();

        // Published types become topics too, so a subscriber arriving later with a same-named type is caught.
        Topic<T> topic = _topics.TryGetValue(typeof(T), out Topic? known) ? (Topic<T>)known : GetOrAddTopic<T>(publisher, "published");
        if (topic.Twins is not null)
        {
            _identity.ReportPublishMismatch(publisher, topic);
        }

        Subscription<T>[] subscribers = topic.Subscribers;
        for (int i = 0; i < subscribers.Length; i++)
        {
            if (!subscribers[i].TryEnqueue(message))
            {
                return PublishWaitingAsync(subscribers, i, message, cancellationToken);
            }
        }

        return default;
    }

    internal IDisposable Subscribe<T>(PluginMessageHub owner, Func<T, CancellationToken, ValueTask> handler, SubscriptionOptions? options)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= SubscriptionOptions.Default;
        if (options.Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Capacity, "SubscriptionOptions.Capacity must be at least 1.");
        }

        if (!Enum.IsDefined(options.FullMode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FullMode, "SubscriptionOptions.FullMode is not a QueueFullMode value.");
        }

        owner.ThrowIfDisposed();
        Topic<T> topic = GetOrAddTopic<T>(owner.State, "subscribed");
        var subscription = new Subscription<T>(this, owner, topic, handler, options);
        lock (_topicLock)
        {
            topic.Add(subscription);
        }

        owner.Track(subscription);
        if (topic.Twins is { } twins)
        {
            _identity.ReportSubscribeMismatch(owner.State, topic, twins);
        }

        return subscription;
    }

    internal void RemoveSubscription<T>(Topic<T> topic, Subscription<T> subscription)
        where T : notnull
    {
        // The topic itself stays: it is small, and it keeps the identity guard aware of the type.
        lock (_topicLock)
        {
            topic.Remove(subscription);
        }
    }

    // Wait-mode subscribers with a full queue: first hand the message to everyone who has room, then wait.
    private static async ValueTask PublishWaitingAsync<T>(Subscription<T>[] subscribers, int firstBlocked, T message, CancellationToken cancellationToken)
        where T : notnull
    {
        List<Subscription<T>>? moreBlocked = null;
        for (int i = firstBlocked + 1; i < subscribers.Length; i++)
        {
            if (!subscribers[i].TryEnqueue(message))
            {
                (moreBlocked ??= []).Add(subscribers[i]);
            }
        }

        await subscribers[firstBlocked].EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        if (moreBlocked is null)
        {
            return;
        }

        foreach (Subscription<T> subscription in moreBlocked)
        {
            await subscription.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private Topic<T> GetOrAddTopic<T>(PluginMessagingState seenBy, string how)
        where T : notnull
    {
        if (_topics.TryGetValue(typeof(T), out Topic? existing))
        {
            return (Topic<T>)existing;
        }

        lock (_topicLock)
        {
            if (_topics.TryGetValue(typeof(T), out existing))
            {
                return (Topic<T>)existing;
            }

            var topic = new Topic<T>($"first {how} by plugin '{seenBy.PluginId}'", new LogThrottle(TimeProvider, Options.WarningInterval));
            if (_topicsByName.TryGetValue(topic.TypeName, out List<Topic>? sameName))
            {
                foreach (Topic twin in sameName)
                {
                    twin.AddTwin(topic);
                    topic.AddTwin(twin);
                }

                sameName.Add(topic);
            }
            else
            {
                _topicsByName[topic.TypeName] = [topic];
            }

            _topics[typeof(T)] = topic;
            return topic;
        }
    }
}

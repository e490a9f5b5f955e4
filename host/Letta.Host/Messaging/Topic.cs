namespace Letta.Host.Messaging;

/// <summary>
/// Everything the hub knows about one message type: its subscribers and any "twins" — other types with
/// the same full name from another assembly or load context, which would otherwise miss each other silently.
/// </summary>
internal abstract class Topic(Type messageType, string firstSeenBy, LogThrottle identityLogThrottle)
{
    private Topic[]? _twins;

    public Type MessageType { get; } = messageType;

    public string TypeName { get; } = messageType.FullName ?? messageType.Name;

    /// <summary>Who made the hub see this type first ("published by plugin 'x'"), for error messages.</summary>
    public string FirstSeenBy { get; } = firstSeenBy;

    /// <summary>Limits repeated identity errors for publishes of this type.</summary>
    public LogThrottle IdentityLogThrottle { get; } = identityLogThrottle;

    /// <summary>Other topics with the same full name; null in the normal case, so the publish path pays one null check.</summary>
    public Topic[]? Twins => Volatile.Read(ref _twins);

    public abstract int SubscriberCount { get; }

    public abstract IReadOnlyList<Subscription> CurrentSubscriptions { get; }

    /// <summary>Links a twin; called under the hub's topic lock only.</summary>
    public void AddTwin(Topic twin) => Volatile.Write(ref _twins, [.. _twins ?? [], twin]);
}

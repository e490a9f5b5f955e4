namespace Letta.Host.Plugins;

/// <summary>
/// The registrations of a plugin's container, captured when it is built; the provider cannot be asked for them
/// afterwards, and the hub needs the handler types (and their classes' subscription options) to subscribe.
/// </summary>
internal sealed record PluginServiceTypes(IReadOnlyList<(Type ServiceType, Type? ImplementationType)> Registrations)
{
    public IEnumerable<Type> HandlerServiceTypes => Registrations.Select(r => r.ServiceType).Where(PluginScanner.IsHandlerInterface).Distinct();

    /// <summary>
    /// The queue options for one handler service type from its classes' <c>[HubSubscription]</c>. When several classes
    /// handle one event they share a queue, so the safest wins: Wait over dropping, and the largest capacity.
    /// </summary>
    public Letta.Messaging.SubscriptionOptions? OptionsFor(Type serviceType)
    {
        var attributes = Registrations
            .Where(r => r.ServiceType == serviceType && r.ImplementationType is not null)
            .Select(r => (Letta.Messaging.HubSubscriptionAttribute?)Attribute.GetCustomAttribute(r.ImplementationType!, typeof(Letta.Messaging.HubSubscriptionAttribute)))
            .OfType<Letta.Messaging.HubSubscriptionAttribute>()
            .ToList();
        if (attributes.Count == 0)
        {
            return null;
        }

        return new Letta.Messaging.SubscriptionOptions
        {
            Capacity = attributes.Max(a => a.Capacity),
            FullMode = attributes.Any(a => a.FullMode == Letta.Messaging.QueueFullMode.Wait) ? Letta.Messaging.QueueFullMode.Wait
                : attributes.Any(a => a.FullMode == Letta.Messaging.QueueFullMode.DropNewest) ? Letta.Messaging.QueueFullMode.DropNewest
                : Letta.Messaging.QueueFullMode.DropOldest,
        };
    }
}

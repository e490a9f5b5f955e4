namespace Letta.Host.Messaging;

/// <summary>One subscriber of a message type: its queue, its delivery loop and its counters.</summary>
internal abstract class Subscription(PluginMessageHub owner) : HubRegistration(owner)
{
    /// <summary>A snapshot of the counters for the diagnostics endpoint.</summary>
    public abstract SubscriptionDiagnostics GetDiagnostics();
}

namespace Letta.Host.Messaging;

/// <summary>Per-plugin diagnostics for GET /api/plugins and plugin health.</summary>
internal sealed partial class MessageHub
{
    /// <summary>A snapshot of the plugin's hub use; empty (all zero) for an id the hub has never seen.</summary>
    public HubDiagnostics GetDiagnostics(string pluginId)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        if (!_plugins.TryGetValue(pluginId, out PluginMessagingState? state))
        {
            return new HubDiagnostics(pluginId, 0, 0, null, [], [], IdentityErrorDiagnostics.None);
        }

        List<SubscriptionDiagnostics> subscriptions = [];
        List<RequestHandlerDiagnostics> requestHandlers = [];
        foreach (PluginMessageHub facade in state.LiveFacades())
        {
            foreach (HubRegistration registration in facade.Registrations())
            {
                switch (registration)
                {
                    case Subscription subscription:
                        subscriptions.Add(subscription.GetDiagnostics());
                        break;
                    case RequestHandlerEntry requestHandler:
                        requestHandlers.Add(requestHandler.GetDiagnostics());
                        break;
                }
            }
        }

        return new HubDiagnostics(
            pluginId,
            state.Published,
            state.HandlerFailures,
            state.LastHandlerFailureAt,
            subscriptions,
            requestHandlers,
            state.IdentityErrors);
    }
}

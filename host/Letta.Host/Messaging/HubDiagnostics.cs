namespace Letta.Host.Messaging;

/// <summary>A plugin's use of the hub, serialised by the host on GET /api/plugins.</summary>
/// <param name="PluginId">The plugin.</param>
/// <param name="Published">Events the plugin published.</param>
/// <param name="HandlerFailures">Event and request handler exceptions in the plugin since the host started.</param>
/// <param name="LastHandlerFailureAt">When the last one happened (UTC); the host uses it for health.</param>
/// <param name="Subscriptions">Live subscriptions.</param>
/// <param name="RequestHandlers">Live request handlers.</param>
/// <param name="IdentityErrors">Message type mix-ups involving the plugin.</param>
internal sealed record HubDiagnostics(
    string PluginId,
    long Published,
    long HandlerFailures,
    DateTimeOffset? LastHandlerFailureAt,
    IReadOnlyList<SubscriptionDiagnostics> Subscriptions,
    IReadOnlyList<RequestHandlerDiagnostics> RequestHandlers,
    IdentityErrorDiagnostics IdentityErrors);

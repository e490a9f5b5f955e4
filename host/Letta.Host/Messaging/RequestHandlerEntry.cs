namespace Letta.Host.Messaging;

/// <summary>The single handler registered for one request type.</summary>
internal abstract class RequestHandlerEntry(PluginMessageHub owner, Type requestType, Type responseType) : HubRegistration(owner)
{
    public Type RequestType { get; } = requestType;

    public Type ResponseType { get; } = responseType;

    public override string TypeName => RequestType.FullName ?? RequestType.Name;

    /// <summary>
    /// Request handlers run on the requester's call, so there is no loop to wait for: disposal cancels
    /// in-flight requests through their token and the requesters observe the outcome.
    /// </summary>
    public override Task Completion => Task.CompletedTask;

    public abstract RequestHandlerDiagnostics GetDiagnostics();
}

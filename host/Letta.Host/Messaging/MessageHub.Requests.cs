using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>Request/response: exactly one handler per request type, mandatory timeout.</summary>
internal sealed partial class MessageHub
{
    internal Task<TResponse> RequestAsync<TResponse>(PluginMessagingState requester, IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (timeout <= TimeSpan.Zero || timeout > MaxRequestTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A hub request needs a positive timeout; the hub never waits forever.");
        }

        Type requestType = request.GetType();
        if (!_requestHandlers.TryGetValue(requestType, out RequestHandlerEntry? entry))
        {
            return Task.FromException<TResponse>(NoHandler(requester, requestType));
        }

        if (entry is not RequestHandlerEntry<TResponse> typed)
        {
            return Task.FromException<TResponse>(new MessageHubException(
                $"Plugin '{entry.Owner.PluginId}' answers requests of type {entry.TypeName} with {entry.ResponseType.FullName}, " +
                $"but plugin '{requester.PluginId}' expects {typeof(TResponse).FullName}."));
        }

        return typed.InvokeAsync(request, timeout, cancellationToken);
    }

    internal IDisposable HandleRequests<TRequest, TResponse>(PluginMessageHub owner, Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        owner.ThrowIfDisposed();
        RequestHandlerEntry<TRequest, TResponse> entry;
        List<RequestHandlerEntry> twins;
        lock (_requestLock)
        {
            if (_requestHandlers.TryGetValue(typeof(TRequest), out RequestHandlerEntry? existing))
            {
                throw new MessageHubException(
                    $"Plugin '{existing.Owner.PluginId}' already handles requests of type {existing.TypeName}; plugin '{owner.PluginId}' " +
                    "cannot register a second handler. A request type has exactly one handler.");
            }

            twins = [.. _requestHandlers.Values.Where(e => TypeIdentity.IsTwin(e.RequestType, typeof(TRequest)))];
            entry = new RequestHandlerEntry<TRequest, TResponse>(this, owner, handler);
            _requestHandlers[typeof(TRequest)] = entry;
        }

        owner.Track(entry);
        foreach (RequestHandlerEntry twin in twins)
        {
            string detail =
                $"plugin '{owner.PluginId}' handles requests of type {entry.TypeName} from {TypeIdentity.Describe(typeof(TRequest))}, " +
                $"and plugin '{twin.Owner.PluginId}' handles a different type of that name from {TypeIdentity.Describe(twin.RequestType)}; " +
                $"each gets only the requests of its own type. {IdentityMismatchReporter.IdentityAdvice}";
            _identity.ReportIdentityError(owner.State, entry.TypeName, detail, [twin.Owner.State], suppressed: 0);
        }

        return entry;
    }

    internal void RemoveRequestHandler(RequestHandlerEntry entry)
    {
        lock (_requestLock)
        {
            _requestHandlers.TryRemove(KeyValuePair.Create(entry.RequestType, entry));
        }
    }

    private MessageHubException NoHandler(PluginMessagingState requester, Type requestType)
    {
        string name = requestType.FullName ?? requestType.Name;
        RequestHandlerEntry? twin = _requestHandlers.Values.FirstOrDefault(e => TypeIdentity.IsTwin(e.RequestType, requestType));
        if (twin is null)
        {
            return new MessageHubException(
                $"No plugin handles requests of type {name} (asked by plugin '{requester.PluginId}'). " +
                "Check that the plugin that answers it is enabled and active.");
        }

        string detail =
            $"plugin '{requester.PluginId}' sent {name} from {TypeIdentity.Describe(requestType)}, but plugin '{twin.Owner.PluginId}' " +
            $"handles a different type of that name from {TypeIdentity.Describe(twin.RequestType)}. {IdentityMismatchReporter.IdentityAdvice}";
        _identity.ReportIdentityError(requester, name, detail, [twin.Owner.State], suppressed: 0);
        return new MessageHubException($"No plugin handles requests of type {name}: {detail}");
    }
}

using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>A request handler seen from the requester, who knows only the response type.</summary>
internal abstract class RequestHandlerEntry<TResponse>(PluginMessageHub owner, Type requestType)
    : RequestHandlerEntry(owner, requestType, typeof(TResponse))
{
    /// <summary>Runs the handler, bounded by <paramref name="timeout"/>.</summary>
    public abstract Task<TResponse> InvokeAsync(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken);
}

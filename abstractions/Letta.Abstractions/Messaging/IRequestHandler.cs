namespace Letta.Messaging;

/// <summary>
/// The handler of one hub request type. The host finds implementations in a plugin's entry assembly and
/// registers them for the plugin; each request is handled in its own DI scope.
/// </summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type.</typeparam>
public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    /// <summary>Answers one request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the caller's timeout elapses or the plugin stops.</param>
    /// <returns>The response.</returns>
    ValueTask<TResponse> HandleAsync(TRequest request, CancellationToken cancellationToken);
}

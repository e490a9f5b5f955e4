namespace Letta.Messaging;

/// <summary>
/// The in-process hub plugins talk through. Each plugin receives its own facade: subscriptions and
/// request handlers it makes are owned by it and disposed when it stops.
/// </summary>
/// <remarks>
/// Events are delivered to each subscriber through its own bounded queue and delivery loop, so a slow or
/// throwing handler never blocks the publisher or other subscribers. Message types that cross plugin
/// boundaries must be defined in <c>Letta.Abstractions</c> (or a shared contract pack); a type defined inside
/// a plugin is a different type in every other plugin, and the hub reports such a mix-up as an error.
/// </remarks>
public interface IMessageHub
{
    /// <summary>Publishes an event to every current subscriber of <typeparamref name="TMessage"/>.</summary>
    /// <typeparam name="TMessage">The event type, a <c>sealed record</c> from a shared assembly.</typeparam>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancels waiting for queue space when a subscriber uses <see cref="QueueFullMode.Wait"/>.</param>
    /// <returns>A task that completes once the event is queued for every subscriber (not when it is handled).</returns>
    ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull;

    /// <summary>Subscribes a handler to events of <typeparamref name="TMessage"/>.</summary>
    /// <typeparam name="TMessage">The event type.</typeparam>
    /// <param name="handler">Called once per event, in publish order, never concurrently for one subscription.</param>
    /// <param name="options">Queue capacity and full-queue behaviour; defaults when <see langword="null"/>.</param>
    /// <returns>The subscription; dispose it to unsubscribe. Never ignore it.</returns>
    IDisposable Subscribe<TMessage>(Func<TMessage, CancellationToken, ValueTask> handler, SubscriptionOptions? options = null)
        where TMessage : notnull;

    /// <summary>Sends a request to its single handler and waits for the response.</summary>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="request">The request, a <c>sealed record</c> implementing <see cref="IRequest{TResponse}"/>.</param>
    /// <param name="timeout">Mandatory upper bound on the wait; must be positive.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The handler's response.</returns>
    /// <exception cref="MessageHubException">No handler is registered for the request type.</exception>
    /// <exception cref="TimeoutException">The handler did not answer within <paramref name="timeout"/>.</exception>
    Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Registers the single handler for requests of <typeparamref name="TRequest"/>.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="handler">Answers one request.</param>
    /// <returns>The registration; dispose it to unregister.</returns>
    /// <exception cref="MessageHubException">Another handler is already registered for <typeparamref name="TRequest"/>.</exception>
    IDisposable HandleRequests<TRequest, TResponse>(Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse>;
}

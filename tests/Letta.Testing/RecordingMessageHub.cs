using System.Collections.Concurrent;
using Letta.Messaging;

namespace Letta.Testing;

/// <summary>
/// A small in-process <see cref="IMessageHub"/> for plugin unit tests: records every published message, delivers
/// it to subscribers in the publisher's call, and routes requests to their single handler. The real hub (queues,
/// isolation, identity checks) is tested in the host; a plugin test checks what the plugin publishes and answers.
/// </summary>
public sealed class RecordingMessageHub : IMessageHub
{
    private readonly ConcurrentDictionary<Type, Delegate> _handlers = new();
    private readonly ConcurrentDictionary<Type, ConcurrentDictionary<object, Delegate>> _subscribers = new();

    /// <summary>Every published message, in order.</summary>
    public ConcurrentQueue<object> Published { get; } = new();

    /// <summary>The published messages of one type, in order.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<T> PublishedOf<T>() => [.. Published.OfType<T>()];

    /// <inheritdoc />
    public async ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        Published.Enqueue(message);
        if (_subscribers.TryGetValue(typeof(TMessage), out var subscribers))
        {
            foreach (Delegate handler in subscribers.Values)
            {
                await ((Func<TMessage, CancellationToken, ValueTask>)handler)(message, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe<TMessage>(Func<TMessage, CancellationToken, ValueTask> handler, SubscriptionOptions? options = null)
        where TMessage : notnull
    {
        var subscribers = _subscribers.GetOrAdd(typeof(TMessage), _ => new ConcurrentDictionary<object, Delegate>());
        var key = new object();
        subscribers[key] = handler;
        return new Unsubscriber(() => subscribers.TryRemove(key, out _));
    }

    /// <inheritdoc />
    public async Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_handlers.TryGetValue(request.GetType(), out Delegate? handler))
        {
            throw new MessageHubException($"No handler for {request.GetType().Name}.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var answer = (ValueTask<TResponse>)handler.DynamicInvoke(request, deadline.Token)!;
        return await answer;
    }

    /// <inheritdoc />
    public IDisposable HandleRequests<TRequest, TResponse>(Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse>
    {
        if (!_handlers.TryAdd(typeof(TRequest), handler))
        {
            throw new MessageHubException($"A handler for {typeof(TRequest).Name} is already registered.");
        }

        return new Unsubscriber(() => _handlers.TryRemove(typeof(TRequest), out _));
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

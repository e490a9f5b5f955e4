using System.Collections.Concurrent;
using Letta.Messaging;

namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>
/// A small real in-process hub for tests without the host: records every published message, delivers to
/// subscribers synchronously and routes requests to their single handler.
/// </summary>
internal sealed class RecordingMessageHub : IMessageHub
{
    private readonly ConcurrentQueue<object> _published = new();
    private readonly ConcurrentDictionary<Type, Delegate> _handlers = new();
    private readonly ConcurrentDictionary<Type, List<Delegate>> _subscribers = new();

    public IReadOnlyList<object> Published => [.. _published];

    public IReadOnlyList<T> PublishedOf<T>() => _published.OfType<T>().ToList();

    public async ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        _published.Enqueue(message);
        if (_subscribers.TryGetValue(typeof(TMessage), out var list))
        {
            foreach (var handler in list.ToArray())
            {
                await ((Func<TMessage, CancellationToken, ValueTask>)handler)(message, cancellationToken);
            }
        }
    }

    public IDisposable Subscribe<TMessage>(Func<TMessage, CancellationToken, ValueTask> handler, SubscriptionOptions? options = null)
        where TMessage : notnull
    {
        var list = _subscribers.GetOrAdd(typeof(TMessage), _ => []);
        list.Add(handler);
        return new Unsubscriber(() => list.Remove(handler));
    }

    public async Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_handlers.TryGetValue(request.GetType(), out var handler))
        {
            throw new MessageHubException($"No handler for {request.GetType().Name}.");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var task = (ValueTask<TResponse>)handler.DynamicInvoke(request, cts.Token)!;
        return await task;
    }

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

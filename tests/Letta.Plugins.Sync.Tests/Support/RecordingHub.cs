using System.Collections.Concurrent;
using Letta.Messaging;

namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>A hub double that records published events (the hub is the host's, not the thing under test).</summary>
internal sealed class RecordingHub : IMessageHub
{
    public ConcurrentQueue<object> Published { get; } = new();

    public ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        Published.Enqueue(message);
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe<TMessage>(Func<TMessage, CancellationToken, ValueTask> handler, SubscriptionOptions? options = null)
        where TMessage : notnull => throw new NotSupportedException();

    public Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IDisposable HandleRequests<TRequest, TResponse>(Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse> => throw new NotSupportedException();
}

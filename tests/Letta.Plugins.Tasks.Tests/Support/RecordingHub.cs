using System.Collections.Concurrent;
using Letta.Messaging;

namespace Letta.Plugins.Tasks.Tests.Support;

/// <summary>A hub that records what is published (the board is under test, not the hub).</summary>
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
        where TMessage : notnull
        => throw new NotSupportedException();

    public Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public IDisposable HandleRequests<TRequest, TResponse>(Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse>
        => throw new NotSupportedException();
}

using System.Collections.Concurrent;
using Letta.Messaging;

namespace Letta.Testing;

/// <summary>
/// An <see cref="IMessageHub"/> for plugin unit tests that records what is published. The hub itself is tested in
/// the host; a plugin test checks what the plugin publishes.
/// </summary>
public sealed class RecordingMessageHub : IMessageHub
{
    /// <summary>Every published message, in order.</summary>
    public ConcurrentQueue<object> Published { get; } = new();

    /// <inheritdoc />
    public ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        Published.Enqueue(message);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IDisposable Subscribe<TMessage>(Func<TMessage, CancellationToken, ValueTask> handler, SubscriptionOptions? options = null)
        where TMessage : notnull
        => throw new NotSupportedException("RecordingMessageHub only records publishes.");

    /// <inheritdoc />
    public Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("RecordingMessageHub only records publishes.");

    /// <inheritdoc />
    public IDisposable HandleRequests<TRequest, TResponse>(Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse>
        => throw new NotSupportedException("RecordingMessageHub only records publishes.");
}

using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>
/// The <see cref="IMessageHub"/> one plugin receives. It owns every subscription and request handler the
/// plugin registers; disposing it removes them all.
/// </summary>
/// <remarks>
/// Disposal <em>cancels</em>, it does not drain: queued events are discarded (logged), the token given to running
/// handlers is cancelled, and no handler is called again — the plugin is stopping and its services are about to
/// be disposed. <see cref="DisposeAsync"/> then waits for running handlers to return, at most
/// <see cref="MessageHubOptions.StopTimeout"/>; a handler that ignores its token is abandoned with a warning.
/// </remarks>
internal sealed class PluginMessageHub : IMessageHub, IDisposable, IAsyncDisposable
{
    private readonly MessageHub _hub;
    private readonly Lock _sync = new();
    private readonly List<HubRegistration> _registrations = [];
    private int _disposed;

    internal PluginMessageHub(MessageHub hub, PluginMessagingState state)
    {
        _hub = hub;
        State = state;
    }

    /// <summary>The plugin that owns this facade.</summary>
    public string PluginId => State.PluginId;

    internal PluginMessagingState State { get; }

    public ValueTask PublishAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        ThrowIfDisposed();
        return _hub.PublishAsync(State, message, cancellationToken);
    }

    public IDisposable Subscribe<TMessage>(Func<TMessage, CancellationToken, ValueTask> handler, SubscriptionOptions? options = null)
        where TMessage : notnull
        => _hub.Subscribe(this, handler, options);

    public Task<TResponse> RequestAsync<TResponse>(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _hub.RequestAsync(State, request, timeout, cancellationToken);
    }

    public IDisposable HandleRequests<TRequest, TResponse>(Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
        where TRequest : IRequest<TResponse>
        => _hub.HandleRequests(this, handler);

    /// <summary>Removes every registration and cancels running handlers, without waiting for them.</summary>
    public void Dispose() => BeginDispose();

    /// <summary>Removes every registration, cancels running handlers and waits for them (bounded).</summary>
    public async ValueTask DisposeAsync()
    {
        HubRegistration[] stopped = BeginDispose();
        if (stopped.Length == 0)
        {
            return;
        }

        Task all = Task.WhenAll(stopped.Select(r => r.Completion));
        try
        {
            await all.WaitAsync(_hub.Options.StopTimeout, _hub.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            HubRegistration[] stuck = [.. stopped.Where(r => !r.Completion.IsCompleted)];
            HubLog.StopTimedOut(_hub.Logger, PluginId, stuck.Length, _hub.Options.StopTimeout, string.Join(", ", stuck.Select(r => r.TypeName)));
        }
    }

    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(PluginMessageHub), $"The message hub of plugin '{PluginId}' is disposed: the plugin has stopped.");
        }
    }

    internal void Track(HubRegistration registration)
    {
        lock (_sync)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _registrations.Add(registration);
                return;
            }
        }

        // The facade was disposed while the registration was being made: undo it.
        registration.Dispose();
        ThrowIfDisposed();
    }

    internal void Forget(HubRegistration registration)
    {
        lock (_sync)
        {
            _registrations.Remove(registration);
        }
    }

    internal HubRegistration[] Registrations()
    {
        lock (_sync)
        {
            return [.. _registrations];
        }
    }

    private HubRegistration[] BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return [];
        }

        HubRegistration[] registrations = Registrations();
        foreach (HubRegistration registration in registrations)
        {
            registration.Dispose();
        }

        State.Detach(this);
        return registrations;
    }
}

using System.Collections.Concurrent;

namespace Letta.Host.Messaging;

/// <summary>
/// The host's in-process message hub, built on <see cref="System.Threading.Channels"/>. Plugins use it only
/// through the per-plugin facade from <see cref="ForPlugin"/>, which owns everything the plugin registers.
/// </summary>
/// <remarks>
/// Events: a <c>Type → subscribers</c> map; each subscriber owns a bounded channel and one delivery loop,
/// so a slow or throwing handler hurts only itself. Requests: one handler per request type, run on the
/// requester's call with a mandatory timeout. Message types are matched by exact <see cref="Type"/>; a type that
/// shares a full name with another one (another assembly or load context) is reported as an error.
/// </remarks>
internal sealed partial class MessageHub : IDisposable, IAsyncDisposable
{
    // The largest timeout Task.WaitAsync accepts.
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly ConcurrentDictionary<string, PluginMessagingState> _plugins = new(StringComparer.Ordinal);

    // Events (MessageHub.Events.cs): topics by type and by name; _topicLock guards _topicsByName and every write
    // to a topic's subscriber and twin arrays.
    private readonly ConcurrentDictionary<Type, Topic> _topics = new();
    private readonly Dictionary<string, List<Topic>> _topicsByName = new(StringComparer.Ordinal);
    private readonly Lock _topicLock = new();

    // Requests (MessageHub.Requests.cs): one handler per request type.
    private readonly ConcurrentDictionary<Type, RequestHandlerEntry> _requestHandlers = new();
    private readonly Lock _requestLock = new();

    private readonly IdentityMismatchReporter _identity;
    private int _disposed;

    /// <summary>Creates the hub.</summary>
    /// <param name="loggerFactory">Where handler failures, drops and identity errors are logged.</param>
    /// <param name="options">Tuning; <see cref="MessageHubOptions.Default"/> when null.</param>
    /// <param name="timeProvider">Clock for timestamps and timeouts; the system clock when null.</param>
    public MessageHub(ILoggerFactory loggerFactory, MessageHubOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Logger = loggerFactory.CreateLogger<MessageHub>();
        Options = options ?? MessageHubOptions.Default;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _identity = new IdentityMismatchReporter(Logger);
    }

    internal ILogger Logger { get; }

    internal MessageHubOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>
    /// A new facade for <paramref name="pluginId"/>. Everything registered through it is owned by it and removed
    /// when it is disposed. Several facades may exist for one id (e.g. the host's own, or a restarted plugin);
    /// counters are kept per id.
    /// </summary>
    public PluginMessageHub ForPlugin(string pluginId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        PluginMessagingState state = _plugins.GetOrAdd(pluginId, id => new PluginMessagingState(id, TimeProvider));
        var facade = new PluginMessageHub(this, state);
        state.Attach(facade);
        return facade;
    }

    /// <summary>Handler exceptions (events and requests) in the plugin since the host started.</summary>
    public long HandlerFailures(string pluginId)
        => _plugins.TryGetValue(pluginId, out PluginMessagingState? state) ? state.HandlerFailures : 0;

    /// <summary>When the plugin's last handler exception happened (UTC), or null if none did.</summary>
    public DateTimeOffset? LastHandlerFailureAt(string pluginId)
        => _plugins.TryGetValue(pluginId, out PluginMessagingState? state) ? state.LastHandlerFailureAt : null;

    /// <summary>A snapshot of the plugin's hub use; empty (all zero) for an id the hub has never seen.</summary>
    public HubDiagnostics GetDiagnostics(string pluginId)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        if (!_plugins.TryGetValue(pluginId, out PluginMessagingState? state))
        {
            return new HubDiagnostics(pluginId, 0, 0, null, [], [], IdentityErrorDiagnostics.None);
        }

        List<SubscriptionDiagnostics> subscriptions = [];
        List<RequestHandlerDiagnostics> requestHandlers = [];
        foreach (PluginMessageHub facade in state.LiveFacades())
        {
            foreach (HubRegistration registration in facade.Registrations())
            {
                switch (registration)
                {
                    case Subscription subscription:
                        subscriptions.Add(subscription.GetDiagnostics());
                        break;
                    case RequestHandlerEntry requestHandler:
                        requestHandlers.Add(requestHandler.GetDiagnostics());
                        break;
                }
            }
        }

        return new HubDiagnostics(
            pluginId,
            state.Published,
            state.HandlerFailures,
            state.LastHandlerFailureAt,
            subscriptions,
            requestHandlers,
            state.IdentityErrors);
    }

    /// <summary>Disposes every facade without waiting for handlers (they are cancelled).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (PluginMessagingState state in _plugins.Values)
        {
            foreach (PluginMessageHub facade in state.LiveFacades())
            {
                facade.Dispose();
            }
        }
    }

    /// <summary>Disposes every facade and waits (bounded by <see cref="MessageHubOptions.StopTimeout"/>) for their loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_plugins.Values
            .SelectMany(state => state.LiveFacades())
            .Select(facade => facade.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}

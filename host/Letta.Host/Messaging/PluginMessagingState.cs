namespace Letta.Host.Messaging;

/// <summary>
/// Counters and live facades of one plugin id. Outlives the facades, so failure counts survive a
/// plugin restart and the host can report them in the plugin's health.
/// </summary>
internal sealed class PluginMessagingState(string pluginId, TimeProvider timeProvider)
{
    private readonly Lock _sync = new();
    private readonly List<PluginMessageHub> _facades = [];
    private long _published;
    private long _handlerFailures;
    private long _lastFailureUtcTicks;
    private long _identityErrors;
    private string? _lastIdentityError;
    private long _lastIdentityErrorUtcTicks;

    public string PluginId { get; } = pluginId;

    public long Published => Volatile.Read(ref _published);

    public long HandlerFailures => Volatile.Read(ref _handlerFailures);

    public DateTimeOffset? LastHandlerFailureAt => FromTicks(Volatile.Read(ref _lastFailureUtcTicks));

    public void CountPublished() => Interlocked.Increment(ref _published);

    public DateTimeOffset CountHandlerFailure()
    {
        DateTimeOffset now = timeProvider.GetUtcNow();
        Interlocked.Increment(ref _handlerFailures);
        Volatile.Write(ref _lastFailureUtcTicks, now.UtcTicks);
        return now;
    }

    public void CountIdentityError(string message)
    {
        lock (_sync)
        {
            _identityErrors++;
            _lastIdentityError = message;
            _lastIdentityErrorUtcTicks = timeProvider.GetUtcNow().UtcTicks;
        }
    }

    public IdentityErrorDiagnostics IdentityErrors
    {
        get
        {
            lock (_sync)
            {
                return new IdentityErrorDiagnostics(_identityErrors, _lastIdentityError, FromTicks(_lastIdentityErrorUtcTicks));
            }
        }
    }

    public void Attach(PluginMessageHub facade)
    {
        lock (_sync)
        {
            _facades.Add(facade);
        }
    }

    public void Detach(PluginMessageHub facade)
    {
        lock (_sync)
        {
            _facades.Remove(facade);
        }
    }

    public PluginMessageHub[] LiveFacades()
    {
        lock (_sync)
        {
            return [.. _facades];
        }
    }

    private static DateTimeOffset? FromTicks(long utcTicks) => utcTicks == 0 ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero);
}

namespace Letta.Host.Messaging;

/// <summary>A subscription or request handler, owned by the plugin facade that made it.</summary>
internal abstract class HubRegistration(PluginMessageHub owner) : IDisposable
{
    private int _disposed;

    /// <summary>The facade that made it and disposes it when the plugin stops.</summary>
    public PluginMessageHub Owner { get; } = owner;

    /// <summary>The full name of the message or request type.</summary>
    public abstract string TypeName { get; }

    /// <summary>Completes when no handler code of this registration runs any more (after disposal).</summary>
    public abstract Task Completion { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        OnDispose();
        Owner.Forget(this);
    }

    /// <summary>Unregisters from the hub and cancels the handler; runs once.</summary>
    protected abstract void OnDispose();
}

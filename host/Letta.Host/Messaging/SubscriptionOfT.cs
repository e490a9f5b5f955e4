using System.Diagnostics;
using System.Threading.Channels;
using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>
/// One subscriber: a bounded <see cref="Channel{T}"/> filled by publishers and drained, in order, by a single
/// delivery loop that calls the handler. A slow or throwing handler therefore only ever delays its own queue.
/// </summary>
internal sealed class Subscription<T> : Subscription
    where T : notnull
{
    private readonly MessageHub _hub;
    private readonly Topic<T> _topic;
    private readonly Func<T, CancellationToken, ValueTask> _handler;
    private readonly Channel<T> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly LogThrottle _dropWarnings;
    private readonly int _capacity;
    private readonly QueueFullMode _fullMode;

    // Written only by the delivery loop (single writer); read by diagnostics.
    private long _delivered;
    private long _failed;
    private long _handlerTicks;
    private LastError? _lastError;

    // Written by publishers (drop callback) concurrently.
    private long _dropped;

    public Subscription(MessageHub hub, PluginMessageHub owner, Topic<T> topic, Func<T, CancellationToken, ValueTask> handler, SubscriptionOptions options)
        : base(owner)
    {
        _hub = hub;
        _topic = topic;
        _handler = handler;
        _capacity = options.Capacity;
        _fullMode = options.FullMode;
        _dropWarnings = new LogThrottle(hub.TimeProvider, hub.Options.WarningInterval);
        var channelOptions = new BoundedChannelOptions(options.Capacity)
        {
            FullMode = options.FullMode switch
            {
                QueueFullMode.DropOldest => BoundedChannelFullMode.DropOldest,

                // The contract's "newest" is the event being published, which the channel calls DropWrite.
                QueueFullMode.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
            SingleReader = true,
            SingleWriter = false,

            // Never run the handler's loop on the publisher's thread.
            AllowSynchronousContinuations = false,
        };
        _channel = Channel.CreateBounded<T>(channelOptions, OnDropped);
        Completion = Task.Run(RunAsync);
    }

    public override string TypeName => _topic.TypeName;

    public override Task Completion { get; }

    /// <summary>
    /// Queues the message without waiting. Returns false only when the publisher has to wait for room
    /// (<see cref="QueueFullMode.Wait"/> with a full queue); a disposed subscription swallows the message.
    /// </summary>
    public bool TryEnqueue(T message)
        => _channel.Writer.TryWrite(message) || _fullMode != QueueFullMode.Wait || IsDisposed;

    /// <summary>Waits for room in a <see cref="QueueFullMode.Wait"/> queue.</summary>
    public async ValueTask EnqueueAsync(T message, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Unsubscribed while the publisher waited: there is nobody left to deliver to.
        }
    }

    public override SubscriptionDiagnostics GetDiagnostics()
    {
        long delivered = Volatile.Read(ref _delivered);
        long failed = Volatile.Read(ref _failed);
        long handled = delivered + failed;
        double? averageMs = handled == 0 ? null : Volatile.Read(ref _handlerTicks) * 1000.0 / Stopwatch.Frequency / handled;
        LastError? lastError = Volatile.Read(ref _lastError);
        return new SubscriptionDiagnostics(
            TypeName,
            _channel.Reader.Count,
            _capacity,
            _fullMode.ToString(),
            delivered,
            failed,
            Volatile.Read(ref _dropped),
            averageMs,
            lastError?.Message,
            lastError?.At);
    }

    protected override void OnDispose()
    {
        _hub.RemoveSubscription(_topic, this);
        _channel.Writer.TryComplete();
        BackgroundCancellation.Cancel(_stop, dispose: false, ex => HubLog.HandlerFailed(_hub.Logger, ex, Owner.PluginId, TypeName));
    }

    private async Task RunAsync()
    {
        ChannelReader<T> reader = _channel.Reader;
        CancellationToken stopping = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (!stopping.IsCancellationRequested && reader.TryRead(out T? message))
                {
                    await DeliverAsync(message, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: fall through to report what was left undelivered.
        }

        // Disposal cancels rather than drains: the plugin is stopping and its services are about to go away.
        int discarded = reader.Count;
        if (discarded > 0)
        {
            HubLog.QueueDiscarded(_hub.Logger, Owner.PluginId, TypeName, discarded);
        }
    }

    private async ValueTask DeliverAsync(T message, CancellationToken stopping)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await _handler(message, stopping).ConfigureAwait(false);
            Volatile.Write(ref _delivered, _delivered + 1);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The handler honoured the stop request; that is not a failure.
        }
#pragma warning disable CA1031 // a plugin's handler failure must never stop delivery or reach the publisher
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _failed, _failed + 1);
            DateTimeOffset at = Owner.State.CountHandlerFailure();
            Volatile.Write(ref _lastError, new LastError(ex.Message, at));
            HubLog.HandlerFailed(_hub.Logger, ex, Owner.PluginId, TypeName);
        }
        finally
        {
            Volatile.Write(ref _handlerTicks, _handlerTicks + (Stopwatch.GetTimestamp() - started));
        }
    }

    private void OnDropped(T message)
    {
        long dropped = Interlocked.Increment(ref _dropped);
        if (_dropWarnings.TryEnter(out long suppressed))
        {
            HubLog.MessagesDropped(_hub.Logger, Owner.PluginId, TypeName, _capacity, _fullMode.ToString(), dropped, suppressed);
        }
    }

    private sealed record LastError(string Message, DateTimeOffset At);
}

using Letta.Messaging;

namespace Letta.Host.Messaging;

/// <summary>
/// Runs one request type's handler directly on the requester's call (no queue), with a token cancelled by the
/// requester, by the timeout or by the handler's plugin stopping. Handler exceptions reach the requester unchanged.
/// </summary>
internal sealed class RequestHandlerEntry<TRequest, TResponse>(
    MessageHub hub,
    PluginMessageHub owner,
    Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
    : RequestHandlerEntry<TResponse>(owner, typeof(TRequest))
    where TRequest : IRequest<TResponse>
{
    private readonly CancellationTokenSource _stop = new();
    private long _handled;
    private long _failed;
    private long _timedOut;
    private LastError? _lastError;

    public override async Task<TResponse> InvokeAsync(IRequest<TResponse> request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        Task<TResponse>? handling = null;
        try
        {
            handling = handler((TRequest)request, linked.Token).AsTask();
            TResponse response = await handling.WaitAsync(timeout, hub.TimeProvider, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _handled);
            return response;
        }
        catch (TimeoutException) when (handling is { IsCompleted: false })
        {
            // The wait timed out (a TimeoutException thrown by the handler itself has completed the task).
            Interlocked.Increment(ref _timedOut);
            throw new TimeoutException(
                $"Plugin '{Owner.PluginId}' did not answer the request {TypeName} within {timeout.TotalMilliseconds:0.###} ms (timeout {timeout}).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _stop.IsCancellationRequested)
        {
            // The requester gave up or the handling plugin stopped: not the handler's fault.
            throw;
        }
        catch (Exception ex) when (CountFailure(ex))
        {
            throw;
        }
        finally
        {
            if (handling is { IsCompleted: false })
            {
                // Still running after a timeout or the requester's cancellation: tell it to stop, without waiting for it.
                BackgroundCancellation.Cancel(linked, dispose: true, ex => HubLog.RequestHandlerFailed(hub.Logger, ex, Owner.PluginId, TypeName));
            }
            else
            {
                linked.Dispose();
            }
        }
    }

    public override RequestHandlerDiagnostics GetDiagnostics()
    {
        LastError? lastError = Volatile.Read(ref _lastError);
        return new RequestHandlerDiagnostics(
            TypeName,
            ResponseType.FullName ?? ResponseType.Name,
            Volatile.Read(ref _handled),
            Volatile.Read(ref _failed),
            Volatile.Read(ref _timedOut),
            lastError?.Message,
            lastError?.At);
    }

    protected override void OnDispose()
    {
        hub.RemoveRequestHandler(this);
        BackgroundCancellation.Cancel(_stop, dispose: false, ex => HubLog.RequestHandlerFailed(hub.Logger, ex, Owner.PluginId, TypeName));
    }

    // Used as an exception filter so the original exception propagates with its stack intact.
    private bool CountFailure(Exception ex)
    {
        Interlocked.Increment(ref _failed);
        DateTimeOffset at = Owner.State.CountHandlerFailure();
        Volatile.Write(ref _lastError, new LastError(ex.Message, at));
        HubLog.RequestHandlerFailed(hub.Logger, ex, Owner.PluginId, TypeName);
        return false;
    }

    private sealed record LastError(string Message, DateTimeOffset At);
}

namespace Letta.Host.Messaging;

/// <summary>
/// Cancels a token source without running its callbacks on the caller's thread. <c>Cancel()</c> runs them inline,
/// and a handler's continuation can ride along — so a stopping plugin or a timed-out requester could be held up
/// by the very handler it is giving up on.
/// </summary>
internal static class BackgroundCancellation
{
    /// <summary>Requests cancellation now; callbacks run on the thread pool, then the source is optionally disposed.</summary>
    public static void Cancel(CancellationTokenSource source, bool dispose, Action<Exception> onCallbackError)
    {
        Task cancelling = source.CancelAsync();
        if (cancelling.IsCompletedSuccessfully && !dispose)
        {
            return;
        }

        cancelling.ContinueWith(
            static (task, state) =>
            {
                var (source, dispose, onCallbackError) = ((CancellationTokenSource, bool, Action<Exception>))state!;
                if (task.Exception is { } error)
                {
                    onCallbackError(error);
                }

                if (dispose)
                {
                    source.Dispose();
                }
            },
            (source, dispose, onCallbackError),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}

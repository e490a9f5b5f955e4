namespace Letta.Benchmarks;

/// <summary>Lets the benchmark await the handler's answer to a marker event.</summary>
internal sealed class ReplyWaiter
{
    private TaskCompletionSource<long> _reply = New();

    public Task<long> Next() => _reply.Task;

    public void Reset() => _reply = New();

    public void Set(long handled) => _reply.TrySetResult(handled);

    private static TaskCompletionSource<long> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

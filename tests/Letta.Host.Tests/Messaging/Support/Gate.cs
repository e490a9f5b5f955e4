namespace Letta.Host.Tests.Messaging.Support;

/// <summary>Blocks a handler until the test opens it, and tells the test when a handler has entered.</summary>
internal sealed class Gate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public async ValueTask PassAsync(CancellationToken cancellationToken = default)
    {
        _entered.TrySetResult();
        await _opened.Task.WaitAsync(cancellationToken);
    }

    public Task WaitEnteredAsync() => Entered.WaitAsync(TimeSpan.FromSeconds(10));

    public void Open() => _opened.TrySetResult();
}

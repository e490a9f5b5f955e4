using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Letta.Messaging;

namespace Letta.Host.Tests.Messaging;

public sealed class MessageHubRequestTests : IDisposable
{
    private static readonly TimeSpan Safe = TimeSpan.FromSeconds(10);
    private readonly LogRecorder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task RequestAsync_HandlerRegistered_ReturnsResponse()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<Echo, string>((echo, _) => ValueTask.FromResult(echo.Text.ToUpperInvariant()));

        string response = await hub.ForPlugin("client").RequestAsync(new Echo("hello"), Safe);

        response.ShouldBe("HELLO");
        hub.GetDiagnostics("server").RequestHandlers.ShouldHaveSingleItem().Handled.ShouldBe(1);
    }

    [Fact]
    public async Task RequestAsync_NoHandler_ThrowsMessageHubExceptionNamingTheType()
    {
        await using MessageHub hub = TestHub.Create(_logs);

        var ex = await Should.ThrowAsync<MessageHubException>(async () => await hub.ForPlugin("client").RequestAsync(new Echo("x"), Safe));

        ex.Message.ShouldContain($"No plugin handles requests of type {typeof(Echo).FullName}");
    }

    [Fact]
    public async Task HandleRequests_SecondHandler_ThrowsNamingThePluginThatHandlesIt()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable first = hub.ForPlugin("first").HandleRequests<Echo, string>((e, _) => ValueTask.FromResult(e.Text));

        var ex = Should.Throw<MessageHubException>(() => hub.ForPlugin("second").HandleRequests<Echo, string>((e, _) => ValueTask.FromResult(e.Text)));

        ex.Message.ShouldContain("'first'");
        ex.Message.ShouldContain(typeof(Echo).FullName!);
        hub.GetDiagnostics("second").RequestHandlers.ShouldBeEmpty();
        (await hub.ForPlugin("client").RequestAsync(new Echo("still first"), Safe)).ShouldBe("still first");
    }

    [Fact]
    public async Task HandleRequests_AfterPreviousHandlerDisposed_Registers()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        hub.ForPlugin("old").HandleRequests<Echo, string>((_, _) => ValueTask.FromResult("old")).Dispose();

        using IDisposable replacement = hub.ForPlugin("new").HandleRequests<Echo, string>((_, _) => ValueTask.FromResult("new"));

        (await hub.ForPlugin("client").RequestAsync(new Echo("x"), Safe)).ShouldBe("new");
    }

    [Fact]
    public async Task RequestAsync_HandlerTooSlow_ThrowsTimeoutNamingTypeAndCancelsHandler()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<Echo, string>(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                handlerCancelled.TrySetResult();
                throw;
            }

            return "never";
        });

        var ex = await Should.ThrowAsync<TimeoutException>(async () =>
            await hub.ForPlugin("client").RequestAsync(new Echo("x"), TimeSpan.FromMilliseconds(50)).WaitAsync(Safe));

        ex.Message.ShouldContain(typeof(Echo).FullName!);
        ex.Message.ShouldContain("'server'");
        ex.Message.ShouldContain(TimeSpan.FromMilliseconds(50).ToString());
        await handlerCancelled.Task.WaitAsync(Safe);
        RequestHandlerDiagnostics diagnostics = hub.GetDiagnostics("server").RequestHandlers.ShouldHaveSingleItem();
        diagnostics.TimedOut.ShouldBe(1);
        diagnostics.Failed.ShouldBe(0);
    }

    [Fact]
    public async Task RequestAsync_HandlerThrows_PropagatesUnchangedAndCountsOnHandlersPlugin()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var boom = new InvalidOperationException("boom");
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<Echo, string>(async (_, _) =>
        {
            await Task.Yield();
            throw boom;
        });

        var ex = await Should.ThrowAsync<InvalidOperationException>(async () => await hub.ForPlugin("client").RequestAsync(new Echo("x"), Safe));

        ex.ShouldBeSameAs(boom);
        hub.HandlerFailures("server").ShouldBe(1);
        hub.HandlerFailures("client").ShouldBe(0);
        hub.GetDiagnostics("server").RequestHandlers.ShouldHaveSingleItem().LastError.ShouldBe("boom");
        _logs.WithEventId(1002).ShouldHaveSingleItem().Properties["PluginId"].ShouldBe("server");
    }

    [Fact]
    public async Task RequestAsync_HandlerThrowsSynchronously_PropagatesAndCounts()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<Echo, string>((_, _) => throw new FormatException("sync"));

        await Should.ThrowAsync<FormatException>(async () => await hub.ForPlugin("client").RequestAsync(new Echo("x"), Safe));

        hub.HandlerFailures("server").ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-5000)]
    public async Task RequestAsync_NonPositiveTimeout_ThrowsArgumentOutOfRange(int milliseconds)
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<Echo, string>((e, _) => ValueTask.FromResult(e.Text));

        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () =>
            await hub.ForPlugin("client").RequestAsync(new Echo("x"), TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public async Task RequestAsync_CallerCancels_ThrowsCanceledAndIsNotAHandlerFailure()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<Echo, string>(async (e, ct) =>
        {
            await gate.PassAsync(ct);
            return e.Text;
        });
        using var cancel = new CancellationTokenSource();
        Task<string> request = hub.ForPlugin("client").RequestAsync(new Echo("x"), Safe, cancel.Token);
        await gate.WaitEnteredAsync();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(request.WaitAsync(Safe));
        hub.HandlerFailures("server").ShouldBe(0);
    }
}

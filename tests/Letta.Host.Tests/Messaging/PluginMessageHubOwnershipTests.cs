using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Letta.Messaging;

namespace Letta.Host.Tests.Messaging;

public sealed class PluginMessageHubOwnershipTests : IDisposable
{
    private readonly LogRecorder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task DisposeAsync_PluginFacade_RemovesItsSubscriptionsAndOthersKeepReceiving()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        PluginMessageHub stopping = hub.ForPlugin("stopping");
        int stoppedCalls = 0;
        _ = stopping.Subscribe<Ping>((_, _) =>
        {
            Interlocked.Increment(ref stoppedCalls);
            return ValueTask.CompletedTask;
        });
        _ = stopping.HandleRequests<Echo, string>((echo, _) => ValueTask.FromResult(echo.Text));
        var survivor = new Collector<Ping>();
        using IDisposable kept = hub.ForPlugin("survivor").Subscribe<Ping>(survivor.Handle);

        await stopping.DisposeAsync();
        await hub.ForPlugin("pub").PublishAsync(new Ping(1));

        (await survivor.TakeAsync(1)).ShouldBe([new Ping(1)]);
        stoppedCalls.ShouldBe(0);
        hub.GetDiagnostics("stopping").Subscriptions.ShouldBeEmpty();
        hub.GetDiagnostics("stopping").RequestHandlers.ShouldBeEmpty();
        await Should.ThrowAsync<MessageHubException>(async () => await hub.ForPlugin("pub").RequestAsync(new Echo("x"), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Subscribe_AfterFacadeDisposed_ThrowsObjectDisposed()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        PluginMessageHub plugin = hub.ForPlugin("p");
        await plugin.DisposeAsync();

        Should.Throw<ObjectDisposedException>(() => plugin.Subscribe<Ping>((_, _) => ValueTask.CompletedTask)).Message.ShouldContain("'p'");
        Should.Throw<ObjectDisposedException>(() => plugin.PublishAsync(new Ping(1)).AsTask());
        Should.Throw<ObjectDisposedException>(() => plugin.HandleRequests<Echo, string>((e, _) => ValueTask.FromResult(e.Text)));
        hub.GetDiagnostics("p").Subscriptions.ShouldBeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_HandlerRunning_CancelsItsTokenAndDiscardsQueuedMessages()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        PluginMessageHub plugin = hub.ForPlugin("p");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        _ = plugin.Subscribe<Ping>(async (_, ct) =>
        {
            Interlocked.Increment(ref calls);
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                sawCancellation.TrySetResult();
                throw;
            }
        });
        PluginMessageHub publisher = hub.ForPlugin("pub");
        await publisher.PublishAsync(new Ping(1));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await publisher.PublishAsync(new Ping(2));
        await publisher.PublishAsync(new Ping(3));

        await plugin.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await sawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
        calls.ShouldBe(1);
        hub.HandlerFailures("p").ShouldBe(0);
        _logs.WithEventId(1006).ShouldHaveSingleItem().Properties["Count"].ShouldBe(2);
    }

    [Fact]
    public async Task DisposeAsync_HandlerIgnoresCancellation_ReturnsAfterStopTimeoutWithWarning()
    {
        await using MessageHub hub = TestHub.Create(_logs, new MessageHubOptions { StopTimeout = TimeSpan.FromMilliseconds(50) });
        PluginMessageHub plugin = hub.ForPlugin("stuck");
        var gate = new Gate();
        _ = plugin.Subscribe<Ping>(async (_, _) => await gate.PassAsync(CancellationToken.None));
        await hub.ForPlugin("pub").PublishAsync(new Ping(1));
        await gate.WaitEnteredAsync();

        await plugin.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        LogRecorder.Entry warning = _logs.WithEventId(1005).ShouldHaveSingleItem();
        warning.Properties["PluginId"].ShouldBe("stuck");
        warning.Message.ShouldContain(typeof(Ping).FullName!);
        gate.Open();
    }

    [Fact]
    public async Task Dispose_OneSubscription_OnlyThatSubscriptionStops()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        PluginMessageHub plugin = hub.ForPlugin("p");
        var first = new Collector<Ping>();
        var second = new Collector<Ping>();
        IDisposable removed = plugin.Subscribe<Ping>(first.Handle);
        using IDisposable kept = plugin.Subscribe<Ping>(second.Handle);

        removed.Dispose();
        await hub.ForPlugin("pub").PublishAsync(new Ping(7));

        (await second.TakeAsync(1)).ShouldBe([new Ping(7)]);
        first.Pending.ShouldBe(0);
        hub.GetDiagnostics("p").Subscriptions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task DisposeAsync_Hub_DisposesEveryFacade()
    {
        MessageHub hub = TestHub.Create(_logs);
        PluginMessageHub plugin = hub.ForPlugin("p");
        _ = plugin.Subscribe<Ping>((_, _) => ValueTask.CompletedTask);

        await hub.DisposeAsync();

        Should.Throw<ObjectDisposedException>(() => plugin.PublishAsync(new Ping(1)).AsTask());
        Should.Throw<ObjectDisposedException>(() => hub.ForPlugin("q"));
        hub.GetDiagnostics("p").Subscriptions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Dispose_SubscriptionWhilePublisherWaitsForRoom_ReleasesThePublisher()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        IDisposable subscription = hub.ForPlugin("slow").Subscribe<Ping>(
            async (_, _) => await gate.PassAsync(CancellationToken.None),
            new SubscriptionOptions { Capacity = 1, FullMode = QueueFullMode.Wait });
        PluginMessageHub publisher = hub.ForPlugin("pub");
        await publisher.PublishAsync(new Ping(1));
        await gate.WaitEnteredAsync();
        await publisher.PublishAsync(new Ping(2));
        ValueTask waiting = publisher.PublishAsync(new Ping(3));
        waiting.IsCompleted.ShouldBeFalse();

        subscription.Dispose();

        await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        gate.Open();
    }
}

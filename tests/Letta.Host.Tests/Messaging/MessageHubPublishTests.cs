using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Microsoft.Extensions.Logging;

namespace Letta.Host.Tests.Messaging;

public sealed class MessageHubPublishTests : IDisposable
{
    private readonly LogRecorder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task PublishAsync_OneSubscriber_DeliversInPublishOrder()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        PluginMessageHub subscriber = hub.ForPlugin("sub");
        PluginMessageHub publisher = hub.ForPlugin("pub");
        var received = new Collector<Ping>();
        using IDisposable subscription = subscriber.Subscribe<Ping>(received.Handle);

        for (int i = 0; i < 100; i++)
        {
            await publisher.PublishAsync(new Ping(i));
        }

        (await received.TakeAsync(100)).Select(p => p.Number).ShouldBe(Enumerable.Range(0, 100));
    }

    [Fact]
    public async Task PublishAsync_NoSubscribers_Completes()
    {
        await using MessageHub hub = TestHub.Create(_logs);

        ValueTask publish = hub.ForPlugin("pub").PublishAsync(new Ping(1));

        publish.IsCompletedSuccessfully.ShouldBeTrue();
        hub.GetDiagnostics("pub").Published.ShouldBe(1);
    }

    [Fact]
    public async Task PublishAsync_TwoSubscribers_EachReceivesEveryMessage()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var first = new Collector<Ping>();
        var second = new Collector<Ping>();
        using IDisposable a = hub.ForPlugin("a").Subscribe<Ping>(first.Handle);
        using IDisposable b = hub.ForPlugin("b").Subscribe<Ping>(second.Handle);

        await hub.ForPlugin("pub").PublishAsync(new Ping(1));
        await hub.ForPlugin("pub").PublishAsync(new Ping(2));

        (await first.TakeAsync(2)).ShouldBe([new Ping(1), new Ping(2)]);
        (await second.TakeAsync(2)).ShouldBe([new Ping(1), new Ping(2)]);
    }

    [Fact]
    public async Task PublishAsync_NullMessage_ThrowsArgumentNull()
    {
        await using MessageHub hub = TestHub.Create(_logs);

        await Should.ThrowAsync<ArgumentNullException>(async () => await hub.ForPlugin("pub").PublishAsync<Ping>(null!));
    }

    [Fact]
    public async Task PublishAsync_HandlerThrows_PublisherAndOtherSubscriberUnaffectedAndFailureCounted()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var thirdHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable faulty = hub.ForPlugin("faulty").Subscribe<Ping>((ping, _) =>
        {
            if (ping.Number < 3)
            {
                throw new InvalidOperationException($"boom {ping.Number}");
            }

            thirdHandled.TrySetResult();
            return ValueTask.CompletedTask;
        });
        var healthy = new Collector<Ping>();
        using IDisposable other = hub.ForPlugin("healthy").Subscribe<Ping>(healthy.Handle);
        PluginMessageHub publisher = hub.ForPlugin("pub");

        for (int i = 1; i <= 3; i++)
        {
            ValueTask publish = publisher.PublishAsync(new Ping(i));
            publish.IsCompletedSuccessfully.ShouldBeTrue();
        }

        (await healthy.TakeAsync(3)).Select(p => p.Number).ShouldBe([1, 2, 3]);
        await thirdHandled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The loop counts a failure before it takes the next message, so both are counted by now.
        hub.HandlerFailures("faulty").ShouldBe(2);
        hub.LastHandlerFailureAt("faulty").ShouldNotBeNull();
        hub.HandlerFailures("healthy").ShouldBe(0);
        hub.HandlerFailures("pub").ShouldBe(0);
        SubscriptionDiagnostics diagnostics = hub.GetDiagnostics("faulty").Subscriptions.ShouldHaveSingleItem();
        diagnostics.Failed.ShouldBe(2);
        diagnostics.LastError.ShouldBe("boom 2");
        LogRecorder.Entry[] errors = [.. _logs.WithEventId(1001)];
        errors.Length.ShouldBe(2);
        errors.ShouldAllBe(e => e.Level == LogLevel.Error && (string?)e.Properties["PluginId"] == "faulty" && e.Exception is InvalidOperationException);
        errors[0].Message.ShouldContain(typeof(Ping).FullName!);
    }

    [Fact]
    public async Task PublishAsync_HandlerThrowsSynchronously_IsCaughtAndCounted()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var after = new Collector<Ping>();
        using IDisposable subscription = hub.ForPlugin("faulty").Subscribe<Ping>((ping, ct) =>
            ping.Number == 1 ? throw new InvalidOperationException("sync") : after.Handle(ping, ct));

        await hub.ForPlugin("pub").PublishAsync(new Ping(1));
        await hub.ForPlugin("pub").PublishAsync(new Ping(2));

        (await after.TakeAsync(1)).ShouldBe([new Ping(2)]);
        hub.HandlerFailures("faulty").ShouldBe(1);
    }

    [Fact]
    public async Task Subscribe_InvalidCapacity_ThrowsArgumentOutOfRange()
    {
        await using MessageHub hub = TestHub.Create(_logs);

        Should.Throw<ArgumentOutOfRangeException>(() =>
            hub.ForPlugin("a").Subscribe<Ping>((_, _) => ValueTask.CompletedTask, new Letta.Messaging.SubscriptionOptions { Capacity = 0 }));
        hub.GetDiagnostics("a").Subscriptions.ShouldBeEmpty();
    }
}

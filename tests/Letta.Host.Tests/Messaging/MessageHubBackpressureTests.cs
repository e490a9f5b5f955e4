using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Letta.Messaging;

namespace Letta.Host.Tests.Messaging;

public sealed class MessageHubBackpressureTests : IDisposable
{
    private readonly LogRecorder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task PublishAsync_BlockedSubscriberDropOldest_PublisherCompletesAndOldestAreDropped()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        var received = new Collector<int>();
        using IDisposable subscription = hub.ForPlugin("slow").Subscribe<Ping>(
            async (ping, ct) =>
            {
                if (ping.Number == 1)
                {
                    await gate.PassAsync(ct);
                }

                received.Add(ping.Number);
            },
            new SubscriptionOptions { Capacity = 2, FullMode = QueueFullMode.DropOldest });
        var fast = new Collector<int>();
        using IDisposable other = hub.ForPlugin("fast").Subscribe<Ping>((ping, _) =>
        {
            fast.Add(ping.Number);
            return ValueTask.CompletedTask;
        });
        PluginMessageHub publisher = hub.ForPlugin("pub");

        await publisher.PublishAsync(new Ping(1));
        await gate.WaitEnteredAsync();
        for (int i = 2; i <= 5; i++)
        {
            CompletedAtOnce(publisher.PublishAsync(new Ping(i))).ShouldBeTrue();
        }

        (await fast.TakeAsync(5)).ShouldBe([1, 2, 3, 4, 5]);
        SubscriptionDiagnostics blocked = hub.GetDiagnostics("slow").Subscriptions.ShouldHaveSingleItem();
        blocked.Dropped.ShouldBe(2);
        blocked.QueueDepth.ShouldBe(2);
        gate.Open();
        (await received.TakeAsync(3)).ShouldBe([1, 4, 5]);
        _logs.WithEventId(1003).ShouldHaveSingleItem().Properties["PluginId"].ShouldBe("slow");
    }

    [Fact]
    public async Task PublishAsync_BlockedSubscriberDropNewest_NewestAreDropped()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        var received = new Collector<int>();
        using IDisposable subscription = hub.ForPlugin("slow").Subscribe<Ping>(
            async (ping, ct) =>
            {
                if (ping.Number == 1)
                {
                    await gate.PassAsync(ct);
                }

                received.Add(ping.Number);
            },
            new SubscriptionOptions { Capacity = 2, FullMode = QueueFullMode.DropNewest });
        PluginMessageHub publisher = hub.ForPlugin("pub");

        await publisher.PublishAsync(new Ping(1));
        await gate.WaitEnteredAsync();
        for (int i = 2; i <= 5; i++)
        {
            CompletedAtOnce(publisher.PublishAsync(new Ping(i))).ShouldBeTrue();
        }

        hub.GetDiagnostics("slow").Subscriptions.ShouldHaveSingleItem().Dropped.ShouldBe(2);
        gate.Open();
        (await received.TakeAsync(3)).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task PublishAsync_WaitModeQueueFull_PublisherWaitsUntilThereIsRoom()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        var received = new Collector<int>();
        using IDisposable subscription = hub.ForPlugin("slow").Subscribe<Ping>(
            async (ping, ct) =>
            {
                if (ping.Number == 1)
                {
                    await gate.PassAsync(ct);
                }

                received.Add(ping.Number);
            },
            new SubscriptionOptions { Capacity = 1, FullMode = QueueFullMode.Wait });
        PluginMessageHub publisher = hub.ForPlugin("pub");
        await publisher.PublishAsync(new Ping(1));
        await gate.WaitEnteredAsync();
        await publisher.PublishAsync(new Ping(2));

        ValueTask third = publisher.PublishAsync(new Ping(3));

        third.IsCompleted.ShouldBeFalse();
        gate.Open();
        await third.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (await received.TakeAsync(3)).ShouldBe([1, 2, 3]);
        hub.GetDiagnostics("slow").Subscriptions.ShouldHaveSingleItem().Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task PublishAsync_WaitModeQueueFull_OtherSubscribersStillReceiveAndPublisherCanCancel()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        using IDisposable slow = hub.ForPlugin("slow").Subscribe<Ping>(
            async (_, ct) => await gate.PassAsync(ct),
            new SubscriptionOptions { Capacity = 1, FullMode = QueueFullMode.Wait });
        var fast = new Collector<int>();
        using IDisposable other = hub.ForPlugin("fast").Subscribe<Ping>((ping, _) =>
        {
            fast.Add(ping.Number);
            return ValueTask.CompletedTask;
        });
        PluginMessageHub publisher = hub.ForPlugin("pub");
        await publisher.PublishAsync(new Ping(1));
        await gate.WaitEnteredAsync();
        await publisher.PublishAsync(new Ping(2));
        using var cancel = new CancellationTokenSource();

        ValueTask third = publisher.PublishAsync(new Ping(3), cancel.Token);

        (await fast.TakeAsync(3)).ShouldBe([1, 2, 3]);
        third.IsCompleted.ShouldBeFalse();
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(third.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        gate.Open();
    }

    [Fact]
    public async Task PublishAsync_RepeatedDrops_WarningIsRateLimitedButEveryDropCounted()
    {
        var clock = new ManualTimeProvider();
        await using MessageHub hub = TestHub.Create(_logs, new MessageHubOptions { WarningInterval = TimeSpan.FromMinutes(1) }, clock);
        var gate = new Gate();
        using IDisposable subscription = hub.ForPlugin("slow").Subscribe<Ping>(
            async (_, ct) => await gate.PassAsync(ct),
            new SubscriptionOptions { Capacity = 1, FullMode = QueueFullMode.DropOldest });
        PluginMessageHub publisher = hub.ForPlugin("pub");
        await publisher.PublishAsync(new Ping(0));
        await gate.WaitEnteredAsync();
        await publisher.PublishAsync(new Ping(1));

        for (int i = 2; i <= 11; i++)
        {
            await publisher.PublishAsync(new Ping(i));
        }

        _logs.WithEventId(1003).Count().ShouldBe(1);
        clock.Advance(TimeSpan.FromMinutes(2));
        await publisher.PublishAsync(new Ping(12));

        hub.GetDiagnostics("slow").Subscriptions.ShouldHaveSingleItem().Dropped.ShouldBe(11);
        LogRecorder.Entry[] warnings = [.. _logs.WithEventId(1003)];
        warnings.Length.ShouldBe(2);
        warnings[1].Properties["Dropped"].ShouldBe(11L);
        warnings[1].Properties["Suppressed"].ShouldBe(9L);
        gate.Open();
    }

    [Fact]
    public async Task PublishAsync_TwoWaitModeSubscribersFull_PublisherWaitsForBothAndEachGetsEverything()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gates = new[] { new Gate(), new Gate() };
        var received = new[] { new Collector<int>(), new Collector<int>() };
        var subscriptions = new List<IDisposable>();
        for (int s = 0; s < 2; s++)
        {
            Gate gate = gates[s];
            Collector<int> collector = received[s];
            subscriptions.Add(hub.ForPlugin($"slow{s}").Subscribe<Ping>(
                async (ping, ct) =>
                {
                    if (ping.Number == 1)
                    {
                        await gate.PassAsync(ct);
                    }

                    collector.Add(ping.Number);
                },
                new SubscriptionOptions { Capacity = 1, FullMode = QueueFullMode.Wait }));
        }

        PluginMessageHub publisher = hub.ForPlugin("pub");
        await publisher.PublishAsync(new Ping(1));
        await Task.WhenAll(gates.Select(g => g.WaitEnteredAsync()));
        await publisher.PublishAsync(new Ping(2));

        ValueTask third = publisher.PublishAsync(new Ping(3));

        third.IsCompleted.ShouldBeFalse();
        gates[1].Open();
        (await received[1].TakeAsync(2)).ShouldBe([1, 2]);
        third.IsCompleted.ShouldBeFalse();
        gates[0].Open();
        await third.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (await received[0].TakeAsync(3)).ShouldBe([1, 2, 3]);
        (await received[1].TakeAsync(1)).ShouldBe([3]);
        subscriptions.ForEach(s => s.Dispose());
    }

    // Looks at the ValueTask without awaiting it: the point is that the publish did not have to wait.
    private static bool CompletedAtOnce(ValueTask publish) => publish.IsCompletedSuccessfully;
}

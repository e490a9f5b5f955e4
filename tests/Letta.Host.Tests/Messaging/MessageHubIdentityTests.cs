using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Letta.Messaging;
using Microsoft.Extensions.Logging;

namespace Letta.Host.Tests.Messaging;

/// <summary>
/// Two types with one full name — here this test assembly loaded a second time into a load context named
/// "other" — never reach each other's handlers. The hub must say so, never drop silently.
/// </summary>
public sealed class MessageHubIdentityTests : IDisposable
{
    private readonly LogRecorder _logs = new();
    private readonly OtherLoadContext _other = new();

    public void Dispose() => _other.Dispose();

    [Fact]
    public void OtherLoadContext_Twin_IsADifferentTypeWithTheSameFullName()
    {
        Type twin = _other.TwinOf(typeof(IdentityProbe));

        twin.ShouldNotBe(typeof(IdentityProbe));
        twin.FullName.ShouldBe(typeof(IdentityProbe).FullName);
    }

    [Fact]
    public async Task Subscribe_SameFullNameDifferentLoadContext_ReportsErrorNamingBothContexts()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable original = hub.ForPlugin("a").Subscribe<IdentityProbe>((_, _) => ValueTask.CompletedTask);

        using IDisposable twin = GenericHubCalls.Subscribe(hub.ForPlugin("b"), _other.TwinOf(typeof(IdentityProbe)), new Collector<object>());

        IdentityErrorDiagnostics b = hub.GetDiagnostics("b").IdentityErrors;
        b.Count.ShouldBe(1);
        b.LastMessage.ShouldNotBeNull();
        b.LastMessage.ShouldContain(typeof(IdentityProbe).FullName!);
        b.LastMessage.ShouldContain("load context 'Default'");
        b.LastMessage.ShouldContain("load context 'other'");
        b.LastMessage.ShouldContain(typeof(IdentityProbe).Assembly.FullName!);
        b.LastAt.ShouldNotBeNull();
        hub.GetDiagnostics("a").IdentityErrors.Count.ShouldBe(1);
        LogRecorder.Entry error = _logs.WithEventId(1004).ShouldHaveSingleItem();
        error.Level.ShouldBe(LogLevel.Error);
        error.Properties["PluginId"].ShouldBe("b");
    }

    [Fact]
    public async Task Subscribe_TwinPublishedEarlierWithoutSubscribers_StillReported()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        await GenericHubCalls.PublishAsync(hub.ForPlugin("publisher"), _other.Create(typeof(IdentityProbe), 1));

        using IDisposable subscription = hub.ForPlugin("subscriber").Subscribe<IdentityProbe>((_, _) => ValueTask.CompletedTask);

        IdentityErrorDiagnostics errors = hub.GetDiagnostics("subscriber").IdentityErrors;
        errors.Count.ShouldBe(1);
        errors.LastMessage!.ShouldContain("published by plugin 'publisher'");
    }

    [Fact]
    public async Task PublishAsync_TwinHasSubscribers_DeliversToExactTypeAndReportsWhoMissesIt()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var exact = new Collector<IdentityProbe>();
        using IDisposable exactSubscription = hub.ForPlugin("exact").Subscribe<IdentityProbe>(exact.Handle);
        using IDisposable twinSubscription = GenericHubCalls.Subscribe(hub.ForPlugin("twin"), _other.TwinOf(typeof(IdentityProbe)), new Collector<object>());
        long twinErrorsBefore = hub.GetDiagnostics("twin").IdentityErrors.Count;

        await hub.ForPlugin("pub").PublishAsync(new IdentityProbe(42));

        (await exact.TakeAsync(1)).ShouldBe([new IdentityProbe(42)]);

        // Enqueueing is synchronous: had the twin subscriber matched, the message would be queued or delivered by now.
        SubscriptionDiagnostics twin = hub.GetDiagnostics("twin").Subscriptions.ShouldHaveSingleItem();
        (twin.Delivered + twin.QueueDepth).ShouldBe(0);
        IdentityErrorDiagnostics pub = hub.GetDiagnostics("pub").IdentityErrors;
        pub.Count.ShouldBe(1);
        pub.LastMessage!.ShouldContain("'twin'");
        pub.LastMessage!.ShouldContain("do not receive it");
        hub.GetDiagnostics("twin").IdentityErrors.Count.ShouldBe(twinErrorsBefore + 1);
        _logs.WithEventId(1004).ShouldContain(e => (string?)e.Properties["PluginId"] == "pub");
    }

    [Fact]
    public async Task PublishAsync_TwinTypePublished_ExactSubscriberGetsNothingAndPublisherIsTold()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var exact = new Collector<IdentityProbe>();
        using IDisposable subscription = hub.ForPlugin("exact").Subscribe<IdentityProbe>(exact.Handle);
        var twinReceived = new Collector<object>();
        using IDisposable twinSubscription = GenericHubCalls.Subscribe(hub.ForPlugin("twin"), _other.TwinOf(typeof(IdentityProbe)), twinReceived);

        await GenericHubCalls.PublishAsync(hub.ForPlugin("pub"), _other.Create(typeof(IdentityProbe), 7));

        (await twinReceived.TakeAsync(1)).Single().GetType().ShouldBe(_other.TwinOf(typeof(IdentityProbe)));
        SubscriptionDiagnostics exactDiagnostics = hub.GetDiagnostics("exact").Subscriptions.ShouldHaveSingleItem();
        (exactDiagnostics.Delivered + exactDiagnostics.QueueDepth).ShouldBe(0);
        hub.GetDiagnostics("pub").IdentityErrors.LastMessage!.ShouldContain("'exact'");
    }

    [Fact]
    public async Task PublishAsync_RepeatedMismatch_CountsEveryPublishButThrottlesTheLog()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable twin = GenericHubCalls.Subscribe(hub.ForPlugin("twin"), _other.TwinOf(typeof(IdentityProbe)), new Collector<object>());
        int logsBefore = _logs.WithEventId(1004).Count();

        for (int i = 0; i < 5; i++)
        {
            await hub.ForPlugin("pub").PublishAsync(new IdentityProbe(i));
        }

        hub.GetDiagnostics("pub").IdentityErrors.Count.ShouldBe(5);
        (_logs.WithEventId(1004).Count() - logsBefore).ShouldBe(1);
    }

    [Fact]
    public async Task RequestAsync_HandlerRegisteredForTwinType_ThrowsExplainingTheMixUp()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable handler = hub.ForPlugin("server").HandleRequests<IdentityQuery, string>((q, _) => ValueTask.FromResult(q.Text));
        var twinRequest = (IRequest<string>)_other.Create(typeof(IdentityQuery), "hi");

        var ex = await Should.ThrowAsync<MessageHubException>(async () =>
            await hub.ForPlugin("client").RequestAsync(twinRequest, TimeSpan.FromSeconds(10)));

        ex.Message.ShouldContain($"No plugin handles requests of type {typeof(IdentityQuery).FullName}");
        ex.Message.ShouldContain("load context 'other'");
        ex.Message.ShouldContain("'server'");
        hub.GetDiagnostics("client").IdentityErrors.Count.ShouldBe(1);
        hub.GetDiagnostics("server").IdentityErrors.Count.ShouldBe(1);
    }
}

using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Letta.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Host.Tests.Messaging;

public sealed class PluginHandlerBinderTests : IDisposable
{
    private readonly LogRecorder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Bind_ScopedMessageHandler_ResolvesAFreshScopePerMessage()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var services = new ServiceCollection();
        var seen = new Collector<(int Number, ScopedProbe Probe)>();
        services.AddSingleton(seen);
        services.AddScoped<ScopedProbe>();
        services.AddScoped<IMessageHandler<Ping>, RecordingPingHandler>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        PluginMessageHub plugin = hub.ForPlugin("p");

        PluginHandlerBinder.Bind(plugin, provider, [typeof(IMessageHandler<Ping>)]);
        await hub.ForPlugin("pub").PublishAsync(new Ping(1));
        await hub.ForPlugin("pub").PublishAsync(new Ping(2));

        (int Number, ScopedProbe Probe)[] handled = await seen.TakeAsync(2);
        handled.Select(h => h.Number).ShouldBe([1, 2]);
        handled[0].Probe.ShouldNotBeSameAs(handled[1].Probe);
        await Eventually.TrueAsync(() => handled[1].Probe.Disposed);
        handled[0].Probe.Disposed.ShouldBeTrue();
        hub.GetDiagnostics("p").Subscriptions.ShouldHaveSingleItem().MessageType.ShouldBe(typeof(Ping).FullName);
    }

    [Fact]
    public async Task Bind_RequestHandler_AnswersRequestsFromOtherPlugins()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var services = new ServiceCollection();
        services.AddScoped<IRequestHandler<Echo, string>, ShoutingEchoHandler>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        PluginHandlerBinder.Bind(hub.ForPlugin("server"), provider, [typeof(IRequestHandler<Echo, string>)]);

        (await hub.ForPlugin("client").RequestAsync(new Echo("hi"), TimeSpan.FromSeconds(10))).ShouldBe("HI");
    }

    [Fact]
    public async Task Bind_TwoHandlerClassesForOneEvent_BothRunAndOneFailureIsCounted()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var services = new ServiceCollection();
        var seen = new Collector<(int Number, ScopedProbe Probe)>();
        services.AddSingleton(seen);
        services.AddScoped<ScopedProbe>();
        services.AddScoped<IMessageHandler<Ping>, ThrowingPingHandler>();
        services.AddScoped<IMessageHandler<Ping>, RecordingPingHandler>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        PluginHandlerBinder.Bind(hub.ForPlugin("p"), provider, [typeof(IMessageHandler<Ping>), typeof(IMessageHandler<Ping>)]);
        await hub.ForPlugin("pub").PublishAsync(new Ping(5));

        (await seen.TakeAsync(1)).Single().Number.ShouldBe(5);
        await Eventually.TrueAsync(() => hub.HandlerFailures("p") == 1);
        hub.GetDiagnostics("p").Subscriptions.ShouldHaveSingleItem().LastError.ShouldBe("thrown by ThrowingPingHandler");
    }

    [Fact]
    public async Task Bind_TypeThatIsNoHandlerInterface_ThrowsArgumentException()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        await using ServiceProvider provider = new ServiceCollection().BuildServiceProvider();

        Should.Throw<ArgumentException>(() => PluginHandlerBinder.Bind(hub.ForPlugin("p"), provider, [typeof(IDisposable)]))
            .Message.ShouldContain(nameof(IDisposable));
    }

    [Fact]
    public async Task Bind_RequestTypeHandledByAnotherPlugin_ThrowsMessageHubException()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable existing = hub.ForPlugin("first").HandleRequests<Echo, string>((e, _) => ValueTask.FromResult(e.Text));
        var services = new ServiceCollection();
        services.AddScoped<IRequestHandler<Echo, string>, ShoutingEchoHandler>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        Should.Throw<MessageHubException>(() => PluginHandlerBinder.Bind(hub.ForPlugin("second"), provider, [typeof(IRequestHandler<Echo, string>)]))
            .Message.ShouldContain("'first'");
    }

    internal sealed class ScopedProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    internal sealed class RecordingPingHandler(Collector<(int, ScopedProbe)> seen, ScopedProbe probe) : IMessageHandler<Ping>
    {
        public ValueTask HandleAsync(Ping message, CancellationToken cancellationToken)
        {
            seen.Add((message.Number, probe));
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class ThrowingPingHandler : IMessageHandler<Ping>
    {
        public ValueTask HandleAsync(Ping message, CancellationToken cancellationToken)
            => throw new InvalidOperationException("thrown by ThrowingPingHandler");
    }

    internal sealed class ShoutingEchoHandler : IRequestHandler<Echo, string>
    {
        public ValueTask<string> HandleAsync(Echo request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Text.ToUpperInvariant());
    }
}

using System.Text.Json;
using Letta.Host.Messaging;
using Letta.Host.Tests.Messaging.Support;
using Letta.Messaging;

namespace Letta.Host.Tests.Messaging;

public sealed class MessageHubDiagnosticsTests : IDisposable
{
    private readonly LogRecorder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task GetDiagnostics_WhileHandlerBlocked_ReportsQueueDepthAndCounts()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        var gate = new Gate();
        PluginMessageHub plugin = hub.ForPlugin("p");
        using IDisposable subscription = plugin.Subscribe<Ping>(
            async (ping, ct) =>
            {
                if (ping.Number == 3)
                {
                    throw new InvalidOperationException("three");
                }

                if (ping.Number == 4)
                {
                    await gate.PassAsync(ct);
                }
            },
            new SubscriptionOptions { Capacity = 8, FullMode = QueueFullMode.Wait });
        using IDisposable handler = plugin.HandleRequests<Echo, string>((e, _) => ValueTask.FromResult(e.Text));
        PluginMessageHub publisher = hub.ForPlugin("pub");
        for (int i = 1; i <= 7; i++)
        {
            await publisher.PublishAsync(new Ping(i));
        }

        await gate.WaitEnteredAsync();

        HubDiagnostics diagnostics = hub.GetDiagnostics("p");
        SubscriptionDiagnostics queue = diagnostics.Subscriptions.ShouldHaveSingleItem();
        queue.MessageType.ShouldBe(typeof(Ping).FullName);
        queue.QueueDepth.ShouldBe(3);
        queue.Capacity.ShouldBe(8);
        queue.FullMode.ShouldBe("Wait");
        queue.Delivered.ShouldBe(2);
        queue.Failed.ShouldBe(1);
        queue.Dropped.ShouldBe(0);
        queue.LastError.ShouldBe("three");
        queue.AverageHandlerMilliseconds.ShouldNotBeNull();
        diagnostics.HandlerFailures.ShouldBe(1);
        diagnostics.LastHandlerFailureAt.ShouldNotBeNull();
        diagnostics.RequestHandlers.ShouldHaveSingleItem().RequestType.ShouldBe(typeof(Echo).FullName);
        hub.GetDiagnostics("pub").Published.ShouldBe(7);

        gate.Open();
        await Eventually.TrueAsync(() => hub.GetDiagnostics("p").Subscriptions[0].Delivered == 6);
        hub.GetDiagnostics("p").Subscriptions[0].QueueDepth.ShouldBe(0);
    }

    [Fact]
    public async Task GetDiagnostics_UnknownPlugin_ReturnsEmpty()
    {
        await using MessageHub hub = TestHub.Create(_logs);

        HubDiagnostics diagnostics = hub.GetDiagnostics("nobody");

        diagnostics.Published.ShouldBe(0);
        diagnostics.Subscriptions.ShouldBeEmpty();
        diagnostics.RequestHandlers.ShouldBeEmpty();
        diagnostics.IdentityErrors.Count.ShouldBe(0);
        hub.HandlerFailures("nobody").ShouldBe(0);
        hub.LastHandlerFailureAt("nobody").ShouldBeNull();
    }

    [Fact]
    public async Task GetDiagnostics_SerialisedAsJson_HasTheDocumentedFields()
    {
        await using MessageHub hub = TestHub.Create(_logs);
        using IDisposable subscription = hub.ForPlugin("p").Subscribe<Ping>((_, _) => ValueTask.CompletedTask);

        string json = JsonSerializer.Serialize(hub.GetDiagnostics("p"), JsonSerializerOptions.Web);

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        root.GetProperty("pluginId").GetString().ShouldBe("p");
        root.GetProperty("subscriptions")[0].GetProperty("queueDepth").GetInt32().ShouldBe(0);
        root.GetProperty("subscriptions")[0].GetProperty("fullMode").GetString().ShouldBe("DropOldest");
        root.GetProperty("identityErrors").GetProperty("count").GetInt64().ShouldBe(0);
    }
}

using Letta.Memories;
using Letta.Messaging;
using Letta.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Samples.EchoConnector.Tests;

public sealed class EchoMessageHandlerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task HandleAsync_TaskCreated_IsKept()
    {
        await using ServiceProvider services = EchoPluginServices.Build();

        await HandleAsync(services, new TaskCreated("t-1", "Write README", "Backlog", "High", At));

        EchoEvent kept = services.GetRequiredService<EchoEventLog>().Recent().ShouldHaveSingleItem();
        kept.Type.ShouldBe("TaskCreated");
        kept.Summary.ShouldContain("t-1");
        kept.Summary.ShouldContain("Write README");
    }

    [Fact]
    public async Task HandleAsync_MemoryCreated_IsKept()
    {
        await using ServiceProvider services = EchoPluginServices.Build();

        await HandleAsync(services, new MemoryCreated("m-7", "Standup notes", ["work"], "cli", 1, At));

        EchoEvent kept = services.GetRequiredService<EchoEventLog>().Recent().ShouldHaveSingleItem();
        kept.Type.ShouldBe("MemoryCreated");
        kept.Summary.ShouldContain("m-7");
    }

    [Fact]
    public async Task HandleAsync_MoreThanMaxEvents_KeepsNewestFirstWithinBound()
    {
        await using ServiceProvider services = EchoPluginServices.Build(new Dictionary<string, string?> { ["MaxEvents"] = "3" });

        for (int i = 1; i <= 5; i++)
        {
            await HandleAsync(services, new TaskCreated($"t-{i}", $"Task {i}", "Backlog", "Low", At));
        }

        IReadOnlyList<EchoEvent> kept = services.GetRequiredService<EchoEventLog>().Recent();
        kept.Count.ShouldBe(3);
        kept[0].Summary.ShouldContain("t-5");
        kept[2].Summary.ShouldContain("t-3");
    }

    [Fact]
    public void Scan_EntryAssembly_FindsBothHandlers()
    {
        using ServiceProvider services = EchoPluginServices.Build();
        using IServiceScope scope = services.CreateScope();

        scope.ServiceProvider.GetServices<IMessageHandler<TaskCreated>>().ShouldHaveSingleItem().ShouldBeOfType<TaskCreatedEchoHandler>();
        scope.ServiceProvider.GetServices<IMessageHandler<MemoryCreated>>().ShouldHaveSingleItem().ShouldBeOfType<MemoryCreatedEchoHandler>();
    }

    // The host resolves a handler in a fresh scope per message; so does this helper.
    private static async Task HandleAsync<TMessage>(IServiceProvider services, TMessage message)
        where TMessage : notnull
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        IMessageHandler<TMessage> handler = scope.ServiceProvider.GetRequiredService<IMessageHandler<TMessage>>();
        await handler.HandleAsync(message, CancellationToken.None);
    }
}

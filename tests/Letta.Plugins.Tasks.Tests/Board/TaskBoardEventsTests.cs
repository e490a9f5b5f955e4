using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Tests.Support;
using Letta.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Letta.Plugins.Tasks.Tests.Board;

public sealed class TaskBoardEventsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Operations_PublishTheContractEvents()
    {
        var hub = new RecordingMessageHub();
        var time = new ManualTimeProvider();
        using var board = new TaskBoard(new BoardSettings { Folder = _folder.Path, DeviceId = "A" }, time, NullLogger<TaskBoard>.Instance, hub);
        CancellationToken ct = CancellationToken.None;

        TaskItem t = await board.AddAsync("first");
        await board.AddAsync("second");
        await board.UpdateAsync(t.Id, new TaskPatch { Priority = TaskPriority.High }, ct);
        await board.MoveAsync(t.Id, TaskColumn.Completed, null, null, ct);
        await board.ArchiveAsync(t.Id, null, ct);
        TaskItem other = await board.AddAsync("third");
        await board.DeleteAsync(other.Id, null, ct);

        object[] events = [.. hub.Published];
        events.Select(e => e.GetType().Name).ShouldBe(
            ["TaskCreated", "TaskCreated", "TaskUpdated", "TaskMoved", "TaskArchived", "TaskCreated", "TaskDeleted"]);
        events.OfType<TaskUpdated>().Single().ShouldBe(new TaskUpdated(t.Id, "first", "Backlog", "High", 2, time.GetUtcNow()));
        events.OfType<TaskMoved>().Single().ShouldBe(new TaskMoved(t.Id, "Backlog", "Completed", 0, time.GetUtcNow()));
    }

    [Fact]
    public async Task RejectedOperation_PublishesNothing()
    {
        var hub = new RecordingMessageHub();
        using var board = new TaskBoard(new BoardSettings { Folder = _folder.Path, DeviceId = "A" }, new ManualTimeProvider(), NullLogger<TaskBoard>.Instance, hub);

        await Should.ThrowAsync<TaskNotFoundException>(() => board.MoveAsync("nope", TaskColumn.Review, null, null, CancellationToken.None));

        hub.Published.ShouldBeEmpty();
    }
}

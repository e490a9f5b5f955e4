using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Tests.Support;

namespace Letta.Plugins.Tasks.Tests.Board;

public sealed class TaskBoardTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _time = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task MoveAsync_WithinAndAcrossColumns_PreservesOrderOfTheRest()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem a = await board.AddAsync("a");
        await board.AddAsync("b");
        TaskItem c = await board.AddAsync("c");
        await board.AddAsync("d");

        await board.MoveAsync(c.Id, TaskColumn.Backlog, 0, null, _ct);
        board.Titles(TaskColumn.Backlog).ShouldBe(["c", "a", "b", "d"]);

        await board.MoveAsync(a.Id, TaskColumn.InProgress, null, null, _ct);
        board.Titles(TaskColumn.Backlog).ShouldBe(["c", "b", "d"]);
        board.Titles(TaskColumn.InProgress).ShouldBe(["a"]);

        await board.MoveAsync(a.Id, TaskColumn.Backlog, 2, null, _ct);
        board.Titles(TaskColumn.Backlog).ShouldBe(["c", "b", "a", "d"]);
    }

    [Fact]
    public async Task MoveAsync_ToCompletedAndBack_SetsAndClearsCompletedAt()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem t = await board.AddAsync("t");

        TaskItem done = await board.MoveAsync(t.Id, TaskColumn.Completed, null, null, _ct);
        done.CompletedAt.ShouldBe(_time.GetUtcNow());
        done.Version.ShouldBe(2);

        (await board.MoveAsync(t.Id, TaskColumn.Review, null, null, _ct)).CompletedAt.ShouldBeNull();
    }

    [Fact]
    public async Task CreateAsync_ColumnAtWipLimit_ThrowsWithLimit()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time, new() { [TaskColumn.InProgress] = 2 });
        await board.AddAsync("1", TaskColumn.InProgress);
        TaskItem two = await board.AddAsync("2", TaskColumn.InProgress);
        TaskItem other = await board.AddAsync("3");

        var ex = await Should.ThrowAsync<WipLimitExceededException>(() => board.AddAsync("4", TaskColumn.InProgress));
        ex.Limit.ShouldBe(2);
        await Should.ThrowAsync<WipLimitExceededException>(() => board.MoveAsync(other.Id, TaskColumn.InProgress, null, null, _ct));

        // Reordering inside a full column is not "adding" to it.
        (await board.MoveAsync(two.Id, TaskColumn.InProgress, 0, null, _ct)).Status.ShouldBe(TaskColumn.InProgress);
    }

    [Fact]
    public async Task UpdateAsync_StaleExpectedVersion_ThrowsConflict()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem t = await board.AddAsync("t");
        await board.UpdateAsync(t.Id, new TaskPatch { Title = "t2" }, _ct);

        await Should.ThrowAsync<TaskConflictException>(() => board.UpdateAsync(t.Id, new TaskPatch { Title = "t3", ExpectedVersion = 1 }, _ct));
        board.Current.Active[t.Id].Title.ShouldBe("t2");
    }

    [Fact]
    public async Task ArchiveAsync_DueCompletedTasks_MovesThemAndRestoreBringsThemBack()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem old = await board.AddAsync("old", TaskColumn.Completed);
        _time.Advance(TimeSpan.FromDays(8));
        TaskItem recent = await board.AddAsync("recent", TaskColumn.Completed);
        await board.AddAsync("open");

        IReadOnlyList<TaskItem> archived = await board.ArchiveAsync(null, null, _ct);

        archived.Select(t => t.Id).ShouldBe([old.Id]);
        board.Current.Active.ContainsKey(old.Id).ShouldBeFalse();
        board.Current.Active.ContainsKey(recent.Id).ShouldBeTrue();
        board.ListArchive(new TaskFilter { Text = "OLD" }).Single().Id.ShouldBe(old.Id);
        File.ReadAllText(_folder.File("task_archive.json")).ShouldContain(old.Id);
        File.ReadAllText(_folder.File("tasks.json")).ShouldNotContain(old.Id);

        TaskItem restored = await board.RestoreAsync(old.Id, _ct);
        restored.ArchivedAt.ShouldBeNull();
        board.Titles(TaskColumn.Completed).ShouldBe(["recent", "old"]);
        File.ReadAllText(_folder.File("task_archive.json")).ShouldNotContain(old.Id);
    }

    [Fact]
    public async Task ArchiveAsync_ByIdOfOpenTask_ThrowsConflict()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem open = await board.AddAsync("open");

        await Should.ThrowAsync<TaskConflictException>(() => board.ArchiveAsync(open.Id, null, _ct));
    }

    [Fact]
    public async Task TwoDevices_EditsOnEach_BothSeeEverything()
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        using TaskBoard b = Boards.Open(_folder.Path, "B", _time);
        TaskItem fromA = await a.AddAsync("from A");
        await b.EnsureLoadedAsync(_ct);
        TaskItem fromB = await b.AddAsync("from B");
        await a.UpdateAsync(fromB.Id, new TaskPatch { Priority = TaskPriority.Urgent }, _ct);
        await b.DeleteAsync(fromA.Id, null, _ct);

        await a.SyncAsync(_ct);
        await b.SyncAsync(_ct);

        a.Current.Active.Keys.ShouldBe([fromB.Id]);
        b.Current.Active.Keys.ShouldBe([fromB.Id]);
        b.Current.Active[fromB.Id].Priority.ShouldBe(TaskPriority.Urgent);
        a.Current.Deleted.ShouldContainKey(fromA.Id);
    }

    [Fact]
    public async Task SyncAsync_AnotherDeviceOverwroteWithStaleCopy_WritesOurFactsBack()
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        await a.AddAsync("first");
        string stale = File.ReadAllText(_folder.File("tasks.json"));
        TaskItem second = await a.AddAsync("second");

        // A device that never saw "second" replaces the file (its cloud client won the race).
        File.WriteAllText(_folder.File("tasks.json"), stale);
        File.SetLastWriteTimeUtc(_folder.File("tasks.json"), DateTime.UtcNow.AddSeconds(5));

        (await a.SyncAsync(_ct)).ShouldBeTrue();
        File.ReadAllText(_folder.File("tasks.json")).ShouldContain(second.Id);
    }

    [Fact]
    public async Task EnsureLoadedAsync_ArchiveWrittenButBoardNot_TaskIsArchivedNotLost()
    {
        // The state a crash between the archive write and the board write leaves behind.
        using (TaskBoard writer = Boards.Open(_folder.Path, "A", _time))
        {
            TaskItem t = await writer.AddAsync("done", TaskColumn.Completed);
            string boardBefore = File.ReadAllText(_folder.File("tasks.json"));
            _time.Advance(TimeSpan.FromDays(10));
            await writer.ArchiveAsync(t.Id, null, _ct);
            File.WriteAllText(_folder.File("tasks.json"), boardBefore);
        }

        using TaskBoard reader = Boards.Open(_folder.Path, "B", _time);
        await reader.EnsureLoadedAsync(_ct);

        reader.Current.Active.ShouldBeEmpty();
        reader.Current.Archived.Values.Single().Title.ShouldBe("done");
        File.ReadAllText(_folder.File("tasks.json")).ShouldNotContain("\"done\"");
    }

    [Fact]
    public async Task DeleteAsync_TombstoneOlderThanRetention_IsForgotten()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem t = await board.AddAsync("t");
        await board.DeleteAsync(t.Id, null, _ct);
        board.Current.Deleted.ShouldContainKey(t.Id);

        _time.Advance(TimeSpan.FromDays(31));
        await board.AddAsync("u");

        board.Current.Deleted.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateAsync_ConcurrentCallsInOneProcess_AllLand()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => board.AddAsync("t" + i))));

        board.Current.Active.Count.ShouldBe(40);
        using TaskBoard fresh = Boards.Open(_folder.Path, "B", _time);
        await fresh.EnsureLoadedAsync(_ct);
        fresh.Current.Active.Count.ShouldBe(40);
    }

    [Fact]
    public async Task TwoDevicesOffline_EditDifferentFieldsOfOneTask_BothEditsSurvive()
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        TaskItem t = await a.AddAsync("draft");

        // B works on its own copy of the folder (offline); its upload later lands as a conflict copy.
        using (var offline = new TempFolder())
        {
            File.Copy(_folder.File("tasks.json"), offline.File("tasks.json"));
            using TaskBoard b = Boards.Open(offline.Path, "B", _time);
            _time.Advance(TimeSpan.FromMinutes(1));
            await b.MoveAsync(t.Id, TaskColumn.Review, null, null, _ct);
            await b.UpdateAsync(t.Id, new TaskPatch { Priority = TaskPriority.Urgent }, _ct);
            File.Copy(offline.File("tasks.json"), _folder.File("tasks 2.json"));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await a.UpdateAsync(t.Id, new TaskPatch { Title = "final title", Tags = ["report"] }, _ct);

        TaskItem merged = a.Current.Active[t.Id];
        merged.Title.ShouldBe("final title");
        merged.Tags.ShouldBe(["report"]);
        merged.Status.ShouldBe(TaskColumn.Review);
        merged.Priority.ShouldBe(TaskPriority.Urgent);
        File.Exists(_folder.File("tasks 2.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task SyncAsync_FileWrittenByOtherDeviceWithSameFacts_DoesNotWriteBack()
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        using TaskBoard b = Boards.Open(_folder.Path, "B", _time);
        await a.AddAsync("x");
        await b.SyncAsync(_ct);
        var before = File.GetLastWriteTimeUtc(_folder.File("tasks.json"));

        await a.SyncAsync(_ct);
        await b.SyncAsync(_ct);

        File.GetLastWriteTimeUtc(_folder.File("tasks.json")).ShouldBe(before, "converged devices must not ping-pong writes");
    }

    [Fact]
    public async Task MoveAsync_BetweenEqualRanksFromConcurrentMoves_TouchesNoOtherTask()
    {
        var doc = new Letta.Plugins.Tasks.Storage.BoardDocument
        {
            Tasks =
            [
                new TaskItem { Id = "a", Title = "a", Rank = "U0001", Version = 3 },
                new TaskItem { Id = "b", Title = "b", Rank = "U0001", Version = 5 },
                new TaskItem { Id = "c", Title = "c", Rank = "U0002", Version = 1 },
            ],
        };
        Letta.Plugins.Tasks.Storage.BoardFileStore.Write(_folder.File("tasks.json"), doc, Letta.Plugins.Tasks.Storage.TasksJsonContext.Default.BoardDocument);
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        await board.EnsureLoadedAsync(_ct);

        await board.MoveAsync("c", TaskColumn.Backlog, 1, null, _ct);

        board.Current.Active["a"].Version.ShouldBe(3);
        board.Current.Active["b"].Version.ShouldBe(5);
        board.Current.Active["c"].Rank.ShouldBe("U0001", "the task joins the tied group; ties sort by id");
        board.Titles(TaskColumn.Backlog).ShouldBe(["a", "b", "c"]);
    }
}

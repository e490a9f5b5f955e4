using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;
using Letta.Plugins.Tasks.Tests.Support;

namespace Letta.Plugins.Tasks.Tests.Storage;

public sealed class BoardFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _time = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_Always_LeavesNoTempFilesAndAParsableBoard()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        for (int i = 0; i < 20; i++)
        {
            await board.AddAsync("t" + i);
        }

        Directory.EnumerateFiles(_folder.Path, "*.tmp").ShouldBeEmpty();
        ReadResult<BoardDocument> read = BoardFileStore.ReadBoard(_folder.File("tasks.json"));
        read.Error.ShouldBeNull();
        read.Document!.SchemaVersion.ShouldBe(1);
        read.Document.Tasks.Count.ShouldBe(20);
    }

    [Fact]
    public async Task EnsureLoadedAsync_LeftoverTempFromKilledWriter_IsRemoved()
    {
        File.WriteAllText(_folder.File("tasks.json.abc123.tmp"), "{ half a bo");
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);

        await board.EnsureLoadedAsync(_ct);

        File.Exists(_folder.File("tasks.json.abc123.tmp")).ShouldBeFalse();
    }

    [Fact]
    public async Task CorruptBoard_IsNeverOverwritten_ReadsServedAndWritesRefused()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        TaskItem kept = await board.AddAsync("kept");
        const string corrupt = "{\n  \"schemaVersion\": 1,\n  \"tasks\": [ {\"id\": \"x\", \n";
        File.WriteAllText(_folder.File("tasks.json"), corrupt);

        var ex = await Should.ThrowAsync<BoardReadOnlyException>(() => board.AddAsync("refused"));

        ex.Error.Path.ShouldBe(_folder.File("tasks.json"));
        ex.Error.Line.ShouldNotBeNull();
        ex.Error.Line!.Value.ShouldBeGreaterThanOrEqualTo(3);
        board.BoardError.ShouldNotBeNull();
        board.Current.Active.ShouldContainKey(kept.Id);
        (await board.SyncAsync(_ct)).ShouldBeFalse();
        File.ReadAllText(_folder.File("tasks.json")).ShouldBe(corrupt);
    }

    [Fact]
    public async Task CorruptBoard_FixedByUser_WritesResume()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);
        await board.AddAsync("kept");
        string good = File.ReadAllText(_folder.File("tasks.json"));
        File.WriteAllText(_folder.File("tasks.json"), "not json");
        await Should.ThrowAsync<BoardReadOnlyException>(() => board.AddAsync("refused"));

        File.WriteAllText(_folder.File("tasks.json"), good);
        File.SetLastWriteTimeUtc(_folder.File("tasks.json"), DateTime.UtcNow.AddSeconds(3));
        await board.AddAsync("accepted");

        board.BoardError.ShouldBeNull();
        board.Titles(TaskColumn.Backlog).ShouldBe(["kept", "accepted"]);
    }

    [Fact]
    public async Task UnknownSchemaVersion_IsReadOnlyAndUntouched()
    {
        const string future = "{\"schemaVersion\": 2, \"tasks\": [], \"tombstones\": [], \"newThing\": true}";
        File.WriteAllText(_folder.File("tasks.json"), future);
        using TaskBoard board = Boards.Open(_folder.Path, "A", _time);

        await board.EnsureLoadedAsync(_ct);
        await Should.ThrowAsync<BoardReadOnlyException>(() => board.AddAsync("refused"));

        board.BoardError!.Reason.ShouldContain("schemaVersion 2");
        File.ReadAllText(_folder.File("tasks.json")).ShouldBe(future);
    }

    [Fact]
    public async Task CorruptBoardAtStart_ServesLocalLastGoodCopy()
    {
        using TempFolder data = new();
        using (TaskBoard first = Boards.Open(_folder.Path, "A", _time, dataDirectory: data.Path))
        {
            await first.AddAsync("remembered");
            await first.SyncAsync(_ct);
        }

        File.WriteAllText(_folder.File("tasks.json"), "{ broken");
        using TaskBoard second = Boards.Open(_folder.Path, "A", _time, dataDirectory: data.Path);
        await second.EnsureLoadedAsync(_ct);

        second.BoardError.ShouldNotBeNull();
        second.Titles(TaskColumn.Backlog).ShouldBe(["remembered"]);
        File.ReadAllText(_folder.File("tasks.json")).ShouldBe("{ broken");
    }

    [Theory]
    [InlineData("tasks 2.json")]
    [InlineData("tasks (1).json")]
    [InlineData("tasks-conflict-20261101.json")]
    [InlineData("tasks.sync-conflict-20261101-120000-ABCDEFG.json")]
    [InlineData("tasks (MacBook's conflicted copy 2026-11-01).json")]
    public async Task ConflictCopy_IsMergedAndRemoved(string copyName)
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        TaskItem shared = await a.AddAsync("shared");

        // Device B edited and added offline; its upload lost the race and became a conflict copy.
        using (TempFolder elsewhere = new())
        {
            File.Copy(_folder.File("tasks.json"), elsewhere.File("tasks.json"));
            using TaskBoard b = Boards.Open(elsewhere.Path, "B", _time);
            await b.UpdateAsync(shared.Id, new TaskPatch { Title = "shared, edited on B" }, _ct);
            await b.AddAsync("added on B");
            File.Copy(elsewhere.File("tasks.json"), _folder.File(copyName));
        }

        await a.AddAsync("added on A");

        File.Exists(_folder.File(copyName)).ShouldBeFalse();
        a.Titles(TaskColumn.Backlog).ShouldBe(["shared, edited on B", "added on B", "added on A"], ignoreOrder: true);
        File.ReadAllText(_folder.File("tasks.json")).ShouldContain("added on B");
    }

    [Fact]
    public async Task ConflictCopy_Unparsable_IsLeftAndReported()
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        await a.AddAsync("x");
        File.WriteAllText(_folder.File("tasks 2.json"), "{ nope");

        await a.AddAsync("y");

        File.Exists(_folder.File("tasks 2.json")).ShouldBeTrue();
        a.BadConflictCopies.Single().Path.ShouldBe(_folder.File("tasks 2.json"));
    }

    [Theory]
    [InlineData("tasks.json", false)]
    [InlineData("tasks 2.json", true)]
    [InlineData("tasks 12.json", true)]
    [InlineData("tasks(1).json", false)]
    [InlineData("tasks_conflict.json", true)]
    [InlineData("task_archive 2.json", false)]
    [InlineData("tasks.json.1a2b.tmp", false)]
    [InlineData("tasksfoo.json", false)]
    public void ConflictCopies_Find_MatchesCloudConflictNamesOnly(string name, bool expected)
    {
        File.WriteAllText(_folder.File(name), "{}");

        ConflictCopies.Find(_folder.Path, "tasks.json").Any().ShouldBe(expected);
    }

    [Fact]
    public async Task ArchiveConflictCopy_IsMergedAndRemoved()
    {
        using TaskBoard a = Boards.Open(_folder.Path, "A", _time);
        TaskItem t = await a.AddAsync("done", TaskColumn.Completed);
        string boardBefore = File.ReadAllText(_folder.File("tasks.json"));
        await a.ArchiveAsync(t.Id, null, _ct);
        File.Move(_folder.File("task_archive.json"), _folder.File("task_archive 2.json"));
        File.WriteAllText(_folder.File("tasks.json"), boardBefore);

        using TaskBoard b = Boards.Open(_folder.Path, "B", _time);
        await b.EnsureLoadedAsync(_ct);

        b.Current.Archived.ShouldContainKey(t.Id);
        File.Exists(_folder.File("task_archive 2.json")).ShouldBeFalse();
        File.ReadAllText(_folder.File("task_archive.json")).ShouldContain(t.Id);
    }
}

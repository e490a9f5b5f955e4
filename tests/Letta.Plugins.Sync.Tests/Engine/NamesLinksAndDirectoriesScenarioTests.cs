using System.Text;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>Long names, links in place of synced items, and directories (empty ones sync).</summary>
public abstract class NamesLinksAndDirectoriesScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : NamesLinksAndDirectoriesScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : NamesLinksAndDirectoriesScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 61);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_NameOf250Bytes_ArrivesAndItsConflictCopyStaysWithin255Bytes()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        string name = new string('é', 120) + "-notes.md"; // 240 + 9 bytes of UTF-8
        Encoding.UTF8.GetByteCount(name).ShouldBe(249);
        a.Write("keep.md", "keep");
        a.Write(name, "v1");
        a.SyncOk();
        b.SyncOk().Errors.ShouldBeEmpty();
        b.Read(name).ShouldBe("v1");

        a.Write(name, "edit on a", new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc));
        b.Write(name, "edit on b", new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc));
        a.SyncOk();
        b.SyncOk().Errors.ShouldBeEmpty();
        a.SyncOk().Errors.ShouldBeEmpty();

        string copy = a.Snapshot().Keys.Single(SyncPaths.IsConflictCopy);
        Encoding.UTF8.GetByteCount(copy).ShouldBeLessThanOrEqualTo(255);
        copy.ShouldEndWith(".md");
        a.Read(copy).ShouldBe("edit on a");
        a.Snapshot().ShouldBe(b.Snapshot());
    }

    [Fact]
    public void Sync_SyncedDirectoryReplacedBySymlink_RunStopsAndNothingIsDeletedAnywhere()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        for (int i = 0; i < 3; i++)
        {
            a.Write($"docs/{i}.md", "doc " + i);
        }

        a.SyncOk();
        b.SyncOk();
        string elsewhere = Path.Combine(_world.Root, "elsewhere");
        Directory.Move(a.Path_("docs"), elsewhere);
        Directory.CreateSymbolicLink(a.Path_("docs"), elsewhere);

        SyncRunResult r = a.Sync();
        b.SyncOk();

        r.Gate.ShouldBe(SyncGate.LinkedFolder);
        r.Failure.ShouldNotBeNull().ShouldContain("docs");
        b.Snapshot().Keys.Count(k => k.StartsWith("docs/", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public void Sync_SyncedFileReplacedBySymlink_NotTakenAsDeleted()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "real content");
        a.SyncOk();
        b.SyncOk();
        File.Delete(a.Path_("x.md"));
        File.CreateSymbolicLink(a.Path_("x.md"), a.Path_("keep.md"));

        SyncRunResult r = a.SyncOk();
        b.SyncOk();

        r.FilesDeleted.ShouldBe(0);
        r.Plan.Single(p => p.Key == "x.md").Action.ShouldBe(PlanAction.Skip);
        b.Read("x.md").ShouldBe("real content");
    }

    [Fact]
    public void Sync_EmptyDirectories_CreatedAndRemovedOnEveryDevice()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        Directory.CreateDirectory(a.Path_("inbox/empty"));
        Directory.CreateDirectory(a.Path_("archive"));

        a.SyncOk();
        b.SyncOk();
        b.Directories().ShouldBe(["archive", "inbox", "inbox/empty"]);

        Directory.Delete(a.Path_("inbox/empty"));
        a.SyncOk();
        b.SyncOk();
        b.Directories().ShouldBe(["archive", "inbox"]);
        a.SyncOk().Plan.ShouldBeEmpty();
    }

    [Fact]
    public void Sync_LastFileOfADirectoryDeleted_TheEmptyDirectoryStaysOnEveryDevice()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("project/only.md", "the only file");
        a.SyncOk();
        b.SyncOk();

        a.Delete("project/only.md"); // the folder itself stays on a
        a.SyncOk();
        b.SyncOk();
        a.SyncOk();

        b.Exists("project/only.md").ShouldBeFalse();
        b.Directories().ShouldContain("project");
        a.Directories().ShouldContain("project");
    }

    [Fact]
    public void Sync_DirectoryDeletedOnAWhileBAddsAFileToIt_FileAndDirectorySurvive()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        Directory.CreateDirectory(a.Path_("shared"));
        a.SyncOk();
        b.SyncOk();

        Directory.Delete(a.Path_("shared"));
        b.Write("shared/new.md", "written into it on b");
        a.SyncOk();
        b.SyncOk();
        a.SyncOk();
        b.SyncOk();

        a.Read("shared/new.md").ShouldBe("written into it on b");
        b.Read("shared/new.md").ShouldBe("written into it on b");
    }

    [Fact]
    public void Sync_ForcedDeletionsPastTheLimit_PeersApplyThemWithoutBeingForced()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        for (int i = 0; i < 30; i++)
        {
            a.Write($"old/{i:D2}.md", "old " + i);
        }

        a.SyncOk();
        b.SyncOk();
        Directory.Delete(a.Path_("old"), recursive: true);
        a.Sync().Gate.ShouldBe(SyncGate.DeletionLimit);
        a.SyncOk(force: true);

        SyncRunResult r = b.SyncOk();

        r.FilesDeleted.ShouldBe(30);
        b.Snapshot().Keys.ShouldBe(["keep.md"]);
    }

    [Fact]
    public void Sync_ManyDeletionsNotForcedArriving_TheReceiversLimitStillHolds()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.DeletionLimit = 1000), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        for (int i = 0; i < 30; i++)
        {
            a.Write($"old/{i:D2}.md", "old " + i);
        }

        a.SyncOk();
        b.SyncOk();
        Directory.Delete(a.Path_("old"), recursive: true);
        a.SyncOk(); // within a's own (raised) limit: not forced

        SyncRunResult r = b.Sync();

        r.Gate.ShouldBe(SyncGate.DeletionLimit);
        b.Snapshot().Count.ShouldBe(31);
    }
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>sync.md §12 scenarios 1–10 and 12 with two simulated devices.</summary>
public abstract class BasicScenarioTests : IDisposable
{
    public sealed class SharedCloud() : BasicScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : BasicScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world;
    private readonly SimulatedDevice _a;
    private readonly SimulatedDevice _b;

    protected BasicScenarioTests(CloudMode mode)
    {
        _world = new SyncWorld(mode, seed: 11);
        _a = _world.AddDevice("a");
        _b = _world.AddDevice("b");

        // A category that lists empty while its base is not trips the empty-side gate; keep one unrelated file.
        _a.Write("keep/unrelated.md", "keep");
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_NewFileOnA_AppearsOnBWithSameBytesAndMtime()
    {
        var mtime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        _a.Write("notes/one.md", "hello", mtime);

        _a.SyncOk().FilesSent.ShouldBe(2);
        SyncRunResult b = _b.SyncOk();

        b.FilesReceived.ShouldBe(2);
        _b.Read("notes/one.md").ShouldBe("hello");
        File.GetLastWriteTimeUtc(_b.Path_("notes/one.md")).ShouldBe(mtime);
        _a.Sync().Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
    }

    [Fact]
    public void Sync_EditOnA_UpdatesBAndKeepsOldCopyInVersions()
    {
        _a.Write("x.md", "v1");
        _a.SyncOk();
        _b.SyncOk();

        _a.Write("x.md", "v2 longer");
        _a.SyncOk();
        SyncRunResult r = _b.SyncOk();

        _b.Read("x.md").ShouldBe("v2 longer");
        r.Conflicts.ShouldBeEmpty();
        Directory.EnumerateFiles(_b.VersionsFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ShouldContain("v1");
    }

    [Fact]
    public void Sync_DifferentEditsOnBoth_KeepsBothWithConflictCopyOnEveryDevice()
    {
        _a.Write("x.md", "base");
        _a.SyncOk();
        _b.SyncOk();

        _a.Write("x.md", "edit by a", new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc));
        _b.Write("x.md", "edit by b (newer)", new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc));
        _a.SyncOk();
        SyncRunResult b = _b.SyncOk();
        _a.SyncOk();
        _b.SyncOk();

        b.Conflicts.Count.ShouldBe(1);
        _a.Snapshot().ShouldBe(_b.Snapshot());
        _a.Read("x.md").ShouldBe("edit by b (newer)");
        string copy = _a.Snapshot().Keys.Single(k => k.Contains(".sync-conflict-", StringComparison.Ordinal));
        copy.ShouldStartWith("x.sync-conflict-20260301-100000-" + _a.DeviceId[..7]);
        copy.ShouldEndWith(".md");
        _a.Read(copy).ShouldBe("edit by a");
    }

    [Fact]
    public void Sync_SameEditOnBoth_ConvergesWithoutConflict()
    {
        _a.Write("x.md", "base");
        _a.SyncOk();
        _b.SyncOk();
        _a.Write("x.md", "same");
        _b.Write("x.md", "same");

        _a.SyncOk();
        SyncRunResult b = _b.SyncOk();

        b.Conflicts.ShouldBeEmpty();
        b.FilesReceived.ShouldBe(0);
        _a.SyncOk().Conflicts.ShouldBeEmpty();
        _a.Snapshot().ShouldBe(_b.Snapshot());
    }

    [Fact]
    public void Sync_DeleteOnA_MovesBCopyToVersionsAndPublishesTombstone()
    {
        _a.Write("x.md", "content");
        _a.SyncOk();
        _b.SyncOk();
        _a.Delete("x.md");

        _a.SyncOk().FilesDeleted.ShouldBe(1);
        _b.SyncOk().FilesDeleted.ShouldBe(1);

        _b.Exists("x.md").ShouldBeFalse();
        Directory.EnumerateFiles(_b.VersionsFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ShouldContain("content");
    }

    [Fact]
    public void Sync_DeleteOnAEditOnB_EditSurvivesAndReturnsToA()
    {
        _a.Write("x.md", "v1");
        _a.SyncOk();
        _b.SyncOk();
        _a.Delete("x.md");
        _b.Write("x.md", "edited on b");

        _a.SyncOk();
        _b.SyncOk();
        _a.SyncOk();

        _a.Read("x.md").ShouldBe("edited on b");
        _b.Read("x.md").ShouldBe("edited on b");
    }

    [Fact]
    public void Sync_EditOnADeleteOnB_EditRestoredOnB()
    {
        _a.Write("x.md", "v1");
        _a.SyncOk();
        _b.SyncOk();
        _a.Write("x.md", "edited on a");
        _b.Delete("x.md");

        _b.SyncOk();
        _a.SyncOk();
        _b.SyncOk();

        _a.Read("x.md").ShouldBe("edited on a");
        _b.Read("x.md").ShouldBe("edited on a");
    }

    [Fact]
    public void Sync_DeleteOnBoth_ConvergesSilently()
    {
        _a.Write("x.md", "v1");
        _a.SyncOk();
        _b.SyncOk();
        _a.Delete("x.md");
        _b.Delete("x.md");

        _a.SyncOk();
        SyncRunResult b = _b.SyncOk();

        b.Conflicts.ShouldBeEmpty();
        // Converge when B saw A's tombstone before publishing its own; lagged, B published first and only the vector moves.
        b.Plan.Single(p => p.Key == "x.md").Action.ShouldBeOneOf(PlanAction.Converge, PlanAction.UpdateVersion);
        _a.Sync().Plan.Where(p => p.Key == "x.md").ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
    }

    [Fact]
    public void Sync_SameNewPathDifferentContent_KeepsBoth()
    {
        _a.Write("new.md", "from a", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        _b.Write("new.md", "from b", new DateTime(2026, 5, 1, 0, 0, 1, DateTimeKind.Utc));

        _a.SyncOk();
        _b.SyncOk();
        _a.SyncOk();

        _a.Snapshot().ShouldBe(_b.Snapshot());
        _a.Read("new.md").ShouldBe("from b");
        _a.Snapshot().Values.ShouldContain("from a");
        _a.Snapshot().Count.ShouldBe(3);
    }

    [Fact]
    public void Sync_TouchOnly_RehashesWithoutTransfer()
    {
        _a.Write("x.md", "same");
        _a.SyncOk();
        _b.SyncOk();
        File.SetLastWriteTimeUtc(_a.Path_("x.md"), DateTime.UtcNow.AddMinutes(-1));

        SyncRunResult r = _a.SyncOk();

        r.Hashed.ShouldBe(1);
        r.FilesSent.ShouldBe(0);
        r.Published.ShouldBeFalse();
        _b.SyncOk().FilesReceived.ShouldBe(0);
    }

    [Fact]
    public void Sync_NoChange_HashesNothingAndWritesNothing()
    {
        for (int i = 0; i < 20; i++)
        {
            _a.Write($"d/{i}.md", "content " + i);
        }

        _a.SyncOk();
        string manifest = Path.Combine(_a.Cloud, "LettaSync", "manifests", "memories", _a.DeviceId + ".json.gz");
        DateTime before = File.GetLastWriteTimeUtc(manifest);

        SyncRunResult r = _a.SyncOk();

        r.Hashed.ShouldBe(0);
        r.Published.ShouldBeFalse();
        r.Plan.ShouldBeEmpty();
        r.LocalFiles.ShouldBe(21);
        File.GetLastWriteTimeUtc(manifest).ShouldBe(before);
    }

    [Fact]
    public void Sync_Rename_ReusesBlobAndIsNotCountedAsDeletion()
    {
        for (int i = 0; i < 30; i++)
        {
            _a.Write($"old/{i}.md", "file " + i);
        }

        _a.SyncOk();
        _b.SyncOk();
        Directory.Move(_a.Path_("old"), _a.Path_("new"));
        int blobsBefore = Directory.EnumerateFiles(Path.Combine(_a.Cloud, "LettaSync", "blobs"), "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).Contains(' ', StringComparison.Ordinal));

        SyncRunResult r = _a.SyncOk();
        _b.SyncOk();

        r.Gate.ShouldBeNull();
        Directory.EnumerateFiles(Path.Combine(_a.Cloud, "LettaSync", "blobs"), "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).Contains(' ', StringComparison.Ordinal)).ShouldBe(blobsBefore);
        _b.Snapshot().Keys.Where(k => !k.StartsWith("keep/", StringComparison.Ordinal)).ShouldAllBe(k => k.StartsWith("new/", StringComparison.Ordinal));
        _b.Snapshot().Count.ShouldBe(31);
    }
}

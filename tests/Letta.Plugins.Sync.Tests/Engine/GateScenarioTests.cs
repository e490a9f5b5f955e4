using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>Safety gates and dry-run: sync.md §12 scenarios 13–17, 35, 36.</summary>
public abstract class GateScenarioTests : IDisposable
{
    public sealed class SharedCloud() : GateScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : GateScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world;
    private readonly SimulatedDevice _a;
    private readonly SimulatedDevice _b;

    protected GateScenarioTests(CloudMode mode)
    {
        _world = new SyncWorld(mode, seed: 17);
        _a = _world.AddDevice("a");
        _b = _world.AddDevice("b");
        for (int i = 0; i < 40; i++)
        {
            _a.Write($"docs/{i:D2}.md", "document " + i);
        }

        _a.SyncOk();
        _b.SyncOk();
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_DeletingMoreThanTheLimit_AbortsBeforeAnyChangeUntilForced()
    {
        for (int i = 0; i < 25; i++)
        {
            _a.Delete($"docs/{i:D2}.md");
        }

        SyncRunResult aborted = _a.Sync();

        aborted.Gate.ShouldBe(SyncGate.DeletionLimit);
        aborted.Failure!.ShouldContain("25 deletions");
        _b.SyncOk();
        _b.Snapshot().Count.ShouldBe(40);

        _a.SyncOk(force: true).FilesDeleted.ShouldBe(25);
        _b.SyncOk(force: true);
        _b.Snapshot().Count.ShouldBe(15);
    }

    [Fact]
    public void Sync_RenamingADirectoryOfAllFiles_IsNotCountedAsDeletions()
    {
        Directory.Move(_a.Path_("docs"), _a.Path_("archive"));

        SyncRunResult a = _a.Sync();

        a.Gate.ShouldBeNull();
        a.Succeeded.ShouldBeTrue();
        _b.SyncOk();
        _b.Snapshot().Keys.ShouldAllBe(k => k.StartsWith("archive/", StringComparison.Ordinal));
    }

    [Fact]
    public void Sync_LocalFolderMissing_AbortsWithZeroDeletionsAnywhere()
    {
        Directory.Move(_a.Folder, _a.Folder + "-unmounted");

        SyncRunResult r = _a.Sync();

        r.Gate.ShouldBe(SyncGate.LocalMarker);
        r.Sync_ShouldHaveChangedNothing();
        _b.SyncOk();
        _b.Snapshot().Count.ShouldBe(40);
    }

    [Fact]
    public void Sync_LocalMarkerMissing_Aborts()
    {
        File.Delete(Path.Combine(_a.Folder, SyncPaths.LocalMarkerName));

        _a.Sync(force: true).Gate.ShouldBe(SyncGate.LocalMarker);
    }

    [Fact]
    public void Sync_LocalFolderEmptied_AbortsUnlessForced()
    {
        foreach (string f in Directory.EnumerateFiles(_a.Folder, "*.md", SearchOption.AllDirectories))
        {
            File.Delete(f);
        }

        SyncRunResult r = _a.Sync();

        r.Gate.ShouldBe(SyncGate.EmptySide);
        _b.SyncOk();
        _b.Snapshot().Count.ShouldBe(40);
    }

    [Fact]
    public void Sync_CloudMarkerMissing_AbortsWithNoChanges()
    {
        File.Delete(Path.Combine(_a.Cloud, "LettaSync", ".syncroot"));
        _a.Write("docs/new.md", "new");

        SyncRunResult r = _a.Sync(force: true);

        r.Gate.ShouldBe(SyncGate.CloudMarker);
        File.Exists(Path.Combine(_a.Cloud, "LettaSync", ".syncroot")).ShouldBeFalse();
    }

    [Fact]
    public void Sync_CloudFolderUnmounted_AbortsWithNoChanges()
    {
        Directory.Move(_b.Cloud, _b.Cloud + "-gone");

        SyncRunResult r = _b.Sync();

        r.Gate.ShouldBe(SyncGate.CloudMarker);
        _b.Snapshot().Count.ShouldBe(40);
        Directory.Exists(_b.Cloud).ShouldBeFalse();
    }

    [Fact]
    public void Sync_FreshDeviceCloudFolderMissingInsideMountedDrive_CreatesIt()
    {
        using var world = new SyncWorld();
        string drive = Path.Combine(world.Root, "drive");
        Directory.CreateDirectory(drive);
        SimulatedDevice fresh = world.AddDevice("fresh");
        fresh.Write("keep.md", "keep");
        var options = fresh.Options();
        var engine = new SyncEngine(new SyncEngineOptions
        {
            CloudFolder = Path.Combine(drive, "Letta Sync"),
            StateDirectory = options.StateDirectory,
            Categories = options.Categories,
            MachineId = options.MachineId,
            Durable = false,
        });

        engine.Run("memories", new SyncRunRequest()).Succeeded.ShouldBeTrue();

        File.Exists(Path.Combine(drive, "Letta Sync", "LettaSync", ".syncroot")).ShouldBeTrue();
    }

    [Fact]
    public void Sync_FreshDeviceDriveNotMounted_AbortsWithoutCreatingAnything()
    {
        using var world = new SyncWorld();
        SimulatedDevice fresh = world.AddDevice("fresh");
        fresh.Write("keep.md", "keep");
        var options = fresh.Options();
        string missing = Path.Combine(world.Root, "not-mounted", "Letta Sync");
        var engine = new SyncEngine(new SyncEngineOptions
        {
            CloudFolder = missing,
            StateDirectory = options.StateDirectory,
            Categories = options.Categories,
            MachineId = options.MachineId,
        });

        engine.Run("memories", new SyncRunRequest()).Gate.ShouldBe(SyncGate.CloudMarker);

        Directory.Exists(Path.Combine(world.Root, "not-mounted")).ShouldBeFalse();
    }

    [Fact]
    public void Sync_ClusterIdMismatchInAFolderThisDeviceNeverWroteTo_Aborts()
    {
        string marker = Path.Combine(_a.Cloud, "LettaSync", ".syncroot");
        File.WriteAllText(marker, """{"clusterId":"ffffffffffffffffffffffffffffffff","formatVersion":1}""");
        File.Delete(Path.Combine(_a.Cloud, "LettaSync", "devices", _a.DeviceId + ".json"));

        SyncRunResult r = _a.Sync(force: true);

        r.Gate.ShouldBe(SyncGate.CloudMarker);
        r.Failure!.ShouldContain("another sync set");
    }

    [Fact]
    public void Sync_ClusterIdMismatchInTheFolderThisDeviceWroteTo_JoinsThatSetAndKeepsSyncing()
    {
        // Two devices set up before the drive carried the first marker across; the drive kept the other one.
        string marker = Path.Combine(_a.Cloud, "LettaSync", ".syncroot");
        File.WriteAllText(marker, """{"clusterId":"ffffffffffffffffffffffffffffffff","formatVersion":1}""");
        _a.Write("docs/after.md", "after the merge");

        SyncRunResult r = _a.SyncOk();

        r.Issues.ShouldContain(i => i.Kind == "sync-set-merged");
        File.ReadAllText(_a.Path_(".letta-sync-root")).Trim().ShouldBe("ffffffffffffffffffffffffffffffff");
        _a.SyncOk().Issues.ShouldNotContain(i => i.Kind == "sync-set-merged");
        _b.SyncOk();
        _b.Read("docs/after.md").ShouldBe("after the merge");
    }

    [Fact]
    public void Sync_NearlyEveryFileTouched_AbortsUnlessForcedAndThenTransfersNothing()
    {
        foreach (string f in Directory.EnumerateFiles(_a.Path_("docs")))
        {
            File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-3));
        }

        _a.Sync().Gate.ShouldBe(SyncGate.MassChange);
        SyncRunResult forced = _a.SyncOk(force: true);

        forced.FilesSent.ShouldBe(0);
        forced.Published.ShouldBeFalse();
    }

    [Fact]
    public void Sync_DryRun_PrintsPlanAndLeavesFilesAndStateByteIdentical()
    {
        _a.Write("docs/new.md", "new");
        _a.Delete("docs/00.md");
        _b.Write("docs/01.md", "edited on b");
        _b.SyncOk();
        _world.Deliver(_a); // the cloud client's own deliveries are not the dry-run's writes
        Dictionary<string, byte[]> before = Bytes(_a.Home, _a.Folder, _a.Cloud);

        SyncRunResult dry = _a.Sync(dryRun: true);

        dry.DryRun.ShouldBeTrue();
        dry.Plan.Select(p => (p.Action, p.Key)).ShouldBe(
            [(PlanAction.PushDelete, "docs/00.md"), (PlanAction.Pull, "docs/01.md"), (PlanAction.Push, "docs/new.md")], ignoreOrder: true);
        dry.PlanLines.ShouldContain(l => l.Contains("docs/new.md", StringComparison.Ordinal));
        Dictionary<string, byte[]> after = Bytes(_a.Home, _a.Folder, _a.Cloud);
        after.Keys.ShouldBe(before.Keys, ignoreOrder: true);
        after.Where(kv => !kv.Value.AsSpan().SequenceEqual(before[kv.Key])).Select(kv => kv.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Sync_DryRunThatWouldTripAGate_SaysSo()
    {
        for (int i = 0; i < 30; i++)
        {
            _a.Delete($"docs/{i:D2}.md");
        }

        SyncRunResult dry = _a.Sync(dryRun: true);

        dry.Gate.ShouldBe(SyncGate.DeletionLimit);
        dry.Failure!.ShouldStartWith("Would abort");
        dry.Plan.Count(p => p.Action == PlanAction.PushDelete).ShouldBe(30);
    }

    [Fact]
    public void Sync_SecondProcessWhileLocked_ExitsOnLockAndStaleLockExpires()
    {
        string lockPath = CategoryLock.PathFor(_a.StateDirectory, "memories");
        using (CategoryLock.Acquire(_a.StateDirectory, "memories", TimeSpan.FromMinutes(5), TimeProvider.System))
        {
            _a.Sync().Gate.ShouldBe(SyncGate.Lock);
        }

        File.Exists(lockPath).ShouldBeFalse();
        File.WriteAllText(lockPath, """{"pid":1,"host":"elsewhere","expiresAt":"2020-01-01T00:00:00+00:00"}""");
        _a.SyncOk();
        File.Exists(lockPath).ShouldBeFalse();
    }

    private static Dictionary<string, byte[]> Bytes(params string[] roots)
    {
        var map = new Dictionary<string, byte[]>();
        foreach (string root in roots)
        {
            foreach (string f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                map[f] = File.ReadAllBytes(f);
            }
        }

        return map;
    }
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Applying;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>States a crash, a fast first sync, a restored backup or a late cloud leave behind, each healing by itself on the next run.</summary>
public abstract class HealingScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : HealingScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : HealingScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 31);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_FilesWrittenAndSyncedInsideTheRacyWindow_LaterRunsAreNotStoppedByTheMassChangeGate()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        for (int i = 0; i < 12; i++)
        {
            a.Write($"fresh/{i}.md", "written just now " + i, DateTime.UtcNow);
        }

        a.SyncOk();
        SyncRunResult second = a.SyncOk();
        SyncRunResult third = a.SyncOk();

        second.Gate.ShouldBeNull();
        third.Gate.ShouldBeNull();
        b.SyncOk();
        b.Snapshot().Count.ShouldBe(12);
    }

    [Fact]
    public void Sync_FirstSyncOfManyFilesKilledHalfWay_RerunCompletesWithoutAMarkerStop()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.PackMinimumFiles = 100_000), b = _world.AddDevice("b");
        for (int i = 0; i < RowRecorder.CommitEvery + 60; i++)
        {
            a.Write($"many/{i:D4}.md", "file " + i);
        }

        // Killed once its rows are committed, before the run ends (a first sync of 2,048+ files commits in groups).
        Should.Throw<SimulatedCrashException>(() => a.Sync(crash: (point, _) =>
        {
            if (point == CrashPoint.AfterCommit)
            {
                throw new SimulatedCrashException(point);
            }
        }));
        using (StateStore state = StateStore.Open(a.StateDirectory))
        {
            state.LoadCategory("memories").Count.ShouldBeGreaterThanOrEqualTo(RowRecorder.CommitEvery);
        }

        a.SyncOk();
        b.SyncOk();

        b.Snapshot().Count.ShouldBe(RowRecorder.CommitEvery + 60);
    }

    [Fact]
    public void Sync_StateDbRestoredFromAnOlderBackup_PeersStillTakeTheDevicesNewManifests()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        b.SyncOk();
        string backup = Path.Combine(_world.Root, "a-state-backup");
        CopyState(a.StateDirectory, backup);
        for (int i = 2; i <= 4; i++)
        {
            a.Write("x.md", "v" + i);
            a.SyncOk();
            b.SyncOk();
        }

        CopyState(backup, a.StateDirectory); // restored from the older backup
        a.Write("after-restore.md", "written after the restore");
        a.SyncOk();
        SyncRunResult r = b.SyncOk();

        r.Issues.ShouldNotContain(i => i.Kind == "manifest-ignored");
        b.Read("after-restore.md").ShouldBe("written after the restore");
        b.Read("x.md").ShouldBe("v4");
        a.Read("x.md").ShouldBe("v4");
    }

    [Fact]
    public void Sync_StateDbLost_PeersStillTakeTheDevicesNewManifests()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        for (int i = 1; i <= 3; i++)
        {
            a.Write("x.md", "v" + i); // three manifests: the peers have applied sequence 3 (or later)
            a.SyncOk();
            b.SyncOk();
        }

        foreach (string f in Directory.EnumerateFiles(a.StateDirectory, "state.db*"))
        {
            File.Delete(f);
        }

        a.Write("after-loss.md", "written after the loss");
        a.SyncOk();
        SyncRunResult r = b.SyncOk();

        r.Issues.ShouldNotContain(i => i.Kind == "manifest-ignored");
        b.Read("after-loss.md").ShouldBe("written after the loss");
    }

    [Fact]
    public void Sync_MarkerTempLeftByAKilledSetup_ANewDeviceStillJoins()
    {
        SimulatedDevice a = _world.AddDevice("a");
        Directory.CreateDirectory(Path.Combine(a.Cloud, "LettaSync"));
        File.WriteAllText(Path.Combine(a.Cloud, "LettaSync", ".syncroot.0123456789abcdef.tmp"), "{\"clusterId\":");
        a.Write("keep.md", "keep");

        SyncRunResult r = a.SyncOk();

        r.Published.ShouldBeTrue();
    }

    [Fact]
    public void Sync_OtherDevicesCloudTempsOlderThanADay_Removed()
    {
        SimulatedDevice a = _world.AddDevice("a");
        a.Write("keep.md", "keep");
        a.SyncOk();
        string tmpDir = Path.Combine(a.Cloud, "LettaSync", "tmp");
        string old = Path.Combine(tmpDir, "ZZZZZZZ-0123456789abcdef0123456789abcdef.tmp");
        string recent = Path.Combine(tmpDir, "YYYYYYY-0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(old, "half a pack of a device killed two days ago");
        File.WriteAllText(recent, "another device writing right now");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));

        a.SyncOk();

        File.Exists(old).ShouldBeFalse();
        File.Exists(recent).ShouldBeTrue();
    }

    private static void CopyState(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.EnumerateFiles(to, "state.db*"))
        {
            File.Delete(f);
        }

        foreach (string f in Directory.EnumerateFiles(from, "state.db*"))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }
}

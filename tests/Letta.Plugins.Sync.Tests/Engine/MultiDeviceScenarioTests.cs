using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>Three devices editing at once (§12 #43), clock skew (#34), offline rejoin (#37), devices (#41), corruption (#21, #22).</summary>
public abstract class MultiDeviceScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : MultiDeviceScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : MultiDeviceScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 19);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_ThreeDevicesEditAtOnce_SameWinnerAndSameConflictCopiesEverywhere()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b"), c = _world.AddDevice("c");
        a.Write("keep.md", "keep");
        a.Write("shared.md", "base");
        a.SyncOk();
        b.SyncOk();
        c.SyncOk();

        a.Write("shared.md", "edit by a", new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc));
        b.Write("shared.md", "edit by b", new DateTime(2026, 4, 1, 11, 0, 0, DateTimeKind.Utc));
        c.Write("shared.md", "edit by c", new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc));
        for (int round = 0; round < 3; round++)
        {
            foreach (SimulatedDevice d in new[] { c, a, b })
            {
                d.SyncOk();
            }
        }

        a.Snapshot().ShouldBe(b.Snapshot());
        b.Snapshot().ShouldBe(c.Snapshot());
        a.Read("shared.md").ShouldBe("edit by b");
        var copies = a.Snapshot().Where(kv => kv.Key.Contains(".sync-conflict-", StringComparison.Ordinal)).ToList();
        copies.Select(kv => kv.Value).ShouldBe(["edit by a", "edit by c"], ignoreOrder: true);
        copies.Single(kv => kv.Value == "edit by a").Key.ShouldBe($"shared.sync-conflict-20260401-090000-{a.DeviceId[..7]}-{SimulatedDevice.Sha("edit by a")[..8]}.md");
        foreach (SimulatedDevice d in new[] { a, b, c })
        {
            SyncRunResult settled = d.SyncOk();
            settled.Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
        }
    }

    [Fact]
    public void Sync_ThreeDevicesEqualMtimes_TieGoesToSmallerDeviceIdOnEveryDevice()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b"), c = _world.AddDevice("c");
        a.Write("keep.md", "keep");
        a.SyncOk();
        b.SyncOk();
        c.SyncOk();
        var same = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);
        var devices = new[] { a, b, c };
        foreach (SimulatedDevice d in devices)
        {
            d.Write("tie.md", "by " + d.Name, same);
        }

        for (int round = 0; round < 3; round++)
        {
            foreach (SimulatedDevice d in devices)
            {
                d.SyncOk();
            }
        }

        SimulatedDevice smallest = devices.OrderBy(d => d.DeviceId, StringComparer.Ordinal).First();
        foreach (SimulatedDevice d in devices)
        {
            d.Read("tie.md").ShouldBe("by " + smallest.Name);
            d.Snapshot().ShouldBe(a.Snapshot());
        }

        a.Snapshot().Count.ShouldBe(4);
    }

    [Fact]
    public void Sync_ClockSkewedByAnHour_SameDecisions()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.Clock = new ShiftedClock(TimeSpan.FromHours(1)));
        SimulatedDevice b = _world.AddDevice("b", s => s.Clock = new ShiftedClock(TimeSpan.FromHours(-1)));
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        b.SyncOk();

        b.Write("x.md", "v2 from b");
        b.SyncOk();
        SyncRunResult r = a.SyncOk();

        r.Conflicts.ShouldBeEmpty();
        a.Read("x.md").ShouldBe("v2 from b");
        a.Write("x.md", "v3 from a");
        a.SyncOk();
        b.SyncOk().Conflicts.ShouldBeEmpty();
        b.Read("x.md").ShouldBe("v3 from a");
    }

    [Fact]
    public void Sync_DeviceWithLostState_RejoinsWithoutDeletingAnything()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        b.SyncOk();
        a.Delete("x.md");
        a.SyncOk();
        b.Write("b-only.md", "written while offline");
        b.Write("keep.md", "changed offline");
        Directory.Delete(b.StateDirectory, recursive: true); // state lost, as after a long absence

        SyncRunResult r = b.SyncOk();

        r.FilesDeleted.ShouldBe(0);
        b.Read("b-only.md").ShouldBe("written while offline");
        b.Snapshot().Values.ShouldContain("changed offline");
        a.SyncOk();
        a.Read("b-only.md").ShouldBe("written while offline");
        a.Snapshot().Values.ShouldContain("keep");
        a.Snapshot().Values.ShouldContain("changed offline");
    }

    [Fact]
    public void Sync_CorruptOrMissingBlob_NotAppliedRetriedAndReported()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "good content");
        a.SyncOk();
        string blob = Directory.EnumerateFiles(Path.Combine(a.Cloud, "LettaSync", "blobs"), SimulatedDevice.Sha("good content"), SearchOption.AllDirectories).Single();
        byte[] original = File.ReadAllBytes(blob);
        File.WriteAllBytes(blob, original[..^3]);

        SyncRunResult r = b.SyncOk();

        r.Errors.ShouldContain(e => e.Path == "x.md" && e.Kind == "blob-unavailable");
        b.Exists("x.md").ShouldBeFalse();
        Directory.EnumerateFiles(b.Folder, "*" + SyncPaths.LocalTempSuffix, SearchOption.AllDirectories).ShouldBeEmpty();
        File.WriteAllBytes(blob, original);
        b.SyncOk();
        b.Read("x.md").ShouldBe("good content");
    }

    [Fact]
    public void Sync_PartiallySyncedManifest_IgnoredAndLastGoodCopyUsed()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        b.SyncOk();
        string manifest = Path.Combine(a.Cloud, "LettaSync", "manifests", "memories", a.DeviceId + ".json.gz");
        byte[] good = File.ReadAllBytes(manifest);
        File.WriteAllBytes(manifest, good[..(good.Length / 2)]);

        SyncRunResult r = b.SyncOk();

        r.Issues.ShouldContain(i => i.Kind == "manifest-ignored" && i.Message.Contains("last good copy", StringComparison.Ordinal));
        r.FilesDeleted.ShouldBe(0);
        b.Read("x.md").ShouldBe("v1");
        r.Gate.ShouldBeNull();
    }

    [Fact]
    public void Sync_ManifestWithLowerSeq_Ignored()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        string manifest = Path.Combine(a.Cloud, "LettaSync", "manifests", "memories", a.DeviceId + ".json.gz");
        byte[] old = File.ReadAllBytes(manifest);
        a.Write("x.md", "v2");
        a.SyncOk();
        b.SyncOk();
        File.WriteAllBytes(manifest, old); // an older copy resurfaces (iCloud version restore)

        SyncRunResult r = b.SyncOk();

        r.Issues.ShouldContain(i => i.Kind == "manifest-ignored");
        b.Read("x.md").ShouldBe("v2");
    }

    [Fact]
    public void Devices_RevokedDevice_DataIgnoredAndItCannotSync()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.SyncOk();
        b.SyncOk();
        b.Write("from-b.md", "b data");
        b.SyncOk();

        _world.Deliver(a);
        SyncEngine engineA = a.Engine();
        SyncEngineDevices.List(engineA).Count.ShouldBe(2);
        SyncEngineDevices.Revoke(engineA, b.DeviceId).ShouldBe(RevokeOutcome.Revoked);

        a.SyncOk();
        a.Exists("from-b.md").ShouldBeFalse();
        b.Sync().Gate.ShouldBe(SyncGate.Revoked);
    }

    [Fact]
    public void DeviceIdentity_SameMachineKeepsIdAndClonedStateGetsNewId()
    {
        SimulatedDevice a = _world.AddDevice("a");
        a.Write("keep.md", "keep");
        a.SyncOk();
        string id = a.DeviceId;
        a.SyncOk();
        a.DeviceId.ShouldBe(id);

        string cloneState = Path.Combine(_world.Root, "clone", "home", "plugins", "sync");
        CopyDirectory(a.StateDirectory, cloneState);
        SimulatedDevice clone = _world.AddDevice("clone", s => { s.StateDirectory = cloneState; s.MachineId = "machine-a"; });
        clone.Write("keep.md", "keep");

        clone.Sync();

        clone.DeviceId.ShouldNotBe(id);
        _world.Deliver(a);
        SyncEngineDevices.List(a.Engine()).Count.ShouldBe(2);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>Tombstone and versions retention, case-only renames (§12 #28).</summary>
public abstract class RetentionScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : RetentionScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : RetentionScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 20);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_TombstoneYoungerThan90Days_KeptAndOlderForgotten()
    {
        var clock = new MovableClock();
        SimulatedDevice a = _world.AddDevice("a", s => s.Clock = clock);
        a.Write("keep.md", "keep");
        a.Write("x.md", "x");
        a.SyncOk();
        a.Delete("x.md");
        a.SyncOk();

        clock.Advance(TimeSpan.FromDays(89));
        a.SyncOk();
        Manifest(a).ShouldContain(e => e.Path == "x.md" && e.Deleted);

        clock.Advance(TimeSpan.FromDays(2));
        a.SyncOk();
        Manifest(a).ShouldNotContain(e => e.Path == "x.md");
    }

    [Fact]
    public void Sync_VersionsOlderThanRetention_Pruned()
    {
        var clock = new MovableClock();
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b", s => s.Clock = clock);
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        b.SyncOk();
        a.Write("x.md", "v2");
        a.SyncOk();
        b.SyncOk();
        Directory.EnumerateFiles(b.VersionsFolder, "*", SearchOption.AllDirectories).Count().ShouldBe(1);

        clock.Advance(TimeSpan.FromDays(31));
        b.SyncOk();

        Directory.EnumerateFiles(b.VersionsFolder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public void Sync_CaseOnlyRename_PropagatedAsRenameWithoutLoss()
    {
        SimulatedDevice mac = _world.AddDevice("mac", s => s.CaseInsensitive = true);
        SimulatedDevice linux = _world.AddDevice("linux");
        mac.Write("keep.md", "keep");
        mac.Write("Readme.md", "docs");
        mac.SyncOk();
        linux.SyncOk();
        File.Move(mac.Path_("Readme.md"), mac.Path_("README.md"));

        SyncRunResult r = mac.SyncOk();
        linux.SyncOk();

        r.Gate.ShouldBeNull();
        linux.Snapshot().Keys.ShouldBe(["README.md", "keep.md"], ignoreOrder: true);
        linux.Read("README.md").ShouldBe("docs");
        mac.SyncOk().Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
    }

    private static IReadOnlyList<ManifestEntry> Manifest(SimulatedDevice d) =>
        ManifestStore.TryRead(Path.Combine(d.Cloud, "LettaSync", "manifests", "memories", d.DeviceId + ".json.gz"), out _)!.Entries;

    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}

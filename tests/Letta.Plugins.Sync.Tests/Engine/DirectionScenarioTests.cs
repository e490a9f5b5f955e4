using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>
/// Send-only and receive-only divergence, revert and override: §12 #39 (the basic one-way behaviour is in
/// <see cref="CategoryKindScenarioTests"/>).
/// </summary>
public abstract class DirectionScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : DirectionScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : DirectionScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 15);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_ReceiveOnlyLocalEditAddAndDelete_DivergenceCountedEveryRun()
    {
        (SimulatedDevice source, SimulatedDevice mirror) = ReceiveOnlyPair();
        Diverge(mirror);

        SyncRunResult first = mirror.SyncOk();
        SyncRunResult second = mirror.SyncOk();

        first.LocalNotPublished.ShouldBe(3);
        second.LocalNotPublished.ShouldBe(3);
        second.PlanLines.Count(l => l.Contains("not published", StringComparison.Ordinal)).ShouldBe(3);
        source.SyncOk();
        source.Snapshot().ShouldBe(Cluster);
    }

    [Fact]
    public void Sync_ReceiveOnlyRevert_LocalMatchesClusterAndLocalVersionsKept()
    {
        (SimulatedDevice source, SimulatedDevice mirror) = ReceiveOnlyPair();
        Diverge(mirror);
        mirror.SyncOk();

        SyncRunResult r = mirror.SyncOk(new SyncRunRequest { Revert = true });

        r.LocalNotPublished.ShouldBe(0);
        mirror.Snapshot().ShouldBe(Cluster);
        string[] versions = Directory.EnumerateFiles(mirror.VersionsFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();
        versions.ShouldContain("local tweak");
        versions.ShouldContain("only here");
        mirror.SyncOk().Plan.ShouldBeEmpty();
        source.SyncOk();
        source.Snapshot().ShouldBe(Cluster);
    }

    [Fact]
    public void Sync_ReceiveOnlyRevertWithRemoteEdit_RemoteAppliedWithoutConflictCopy()
    {
        (SimulatedDevice source, SimulatedDevice mirror) = ReceiveOnlyPair();
        mirror.Write("db.md", "local tweak", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        source.Write("db.md", "v2", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        source.SyncOk();

        SyncRunResult r = mirror.SyncOk(new SyncRunRequest { Revert = true });

        r.Conflicts.ShouldBeEmpty();
        mirror.Read("db.md").ShouldBe("v2");
        mirror.Snapshot().Keys.ShouldNotContain(k => SyncPaths.IsConflictCopy(k));
        mirror.AllContentEverywhere().ShouldContain("local tweak");
    }

    [Fact]
    public void Sync_ReceiveOnlyRevertDryRun_PlansAndChangesNothing()
    {
        (_, SimulatedDevice mirror) = ReceiveOnlyPair();
        Diverge(mirror);

        SyncRunResult r = mirror.Run(new SyncRunRequest(DryRun: true) { Revert = true });

        r.Succeeded.ShouldBeTrue();
        r.Plan.Select(p => (p.Key, p.Action)).ShouldBe([("db.md", PlanAction.Pull), ("gone.md", PlanAction.Pull), ("new.md", PlanAction.RevertLocal)]);
        mirror.Read("db.md").ShouldBe("local tweak");
        mirror.Read("new.md").ShouldBe("only here");
    }

    [Fact]
    public void Sync_SendOnlyRemoteEditAddAndDelete_DivergenceCountedAndNotApplied()
    {
        (SimulatedDevice primary, SimulatedDevice other) = SendOnlyPair();
        Diverge(other);
        other.SyncOk();

        SyncRunResult r = primary.SyncOk();

        r.RemoteNotApplied.ShouldBe(3);
        primary.Snapshot().ShouldBe(Cluster);
        primary.SyncOk().RemoteNotApplied.ShouldBe(3);
    }

    [Fact]
    public void Sync_SendOnlyOverride_OtherDevicesGetTheLocalStateAndKeepTheirsInVersions()
    {
        (SimulatedDevice primary, SimulatedDevice other) = SendOnlyPair();
        Diverge(other);
        other.SyncOk();

        SyncRunResult r = primary.SyncOk(new SyncRunRequest { Override = true });
        other.SyncOk();

        r.RemoteNotApplied.ShouldBe(0);
        other.Snapshot().ShouldBe(Cluster);
        string[] versions = Directory.EnumerateFiles(other.VersionsFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();
        versions.ShouldContain("local tweak");
        versions.ShouldContain("only here");
        primary.SyncOk().Plan.ShouldBeEmpty();
        other.SyncOk().Plan.ShouldBeEmpty();
    }

    [Fact]
    public void Sync_SendOnlyLocalEditOverRemoteEdit_OverridesWithoutTheOption()
    {
        (SimulatedDevice primary, SimulatedDevice other) = SendOnlyPair();
        other.Write("db.md", "remote edit", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        other.SyncOk();
        primary.Write("db.md", "local edit", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));

        primary.SyncOk();
        other.SyncOk();

        other.Read("db.md").ShouldBe("local edit");
        other.AllContentEverywhere().ShouldContain("remote edit");
    }

    [Theory]
    [InlineData("TwoWay", true, false)]
    [InlineData("SendOnly", true, false)]
    [InlineData("TwoWay", false, true)]
    [InlineData("ReceiveOnly", false, true)]
    public void Run_RevertOrOverrideOnOtherDirection_ThrowsNamingTheOption(string direction, bool revert, bool @override)
    {
        SimulatedDevice d = _world.AddDevice("d", s => s.Direction = Enum.Parse<SyncDirection>(direction));

        ArgumentException e = Should.Throw<ArgumentException>(() => d.Engine().Run("memories", new SyncRunRequest { Revert = revert, Override = @override }));

        e.Message.ShouldContain(revert ? "'revert'" : "'override'");
    }

    private static SortedDictionary<string, string> Cluster => new(StringComparer.Ordinal)
    {
        ["db.md"] = "v1",
        ["gone.md"] = "gone",
        ["keep.md"] = "keep",
    };

    /// <summary>An edit, an addition and a deletion on <paramref name="d"/>.</summary>
    private static void Diverge(SimulatedDevice d)
    {
        d.Write("db.md", "local tweak");
        d.Write("new.md", "only here");
        d.Delete("gone.md");
    }

    private (SimulatedDevice Source, SimulatedDevice Mirror) ReceiveOnlyPair()
    {
        SimulatedDevice source = _world.AddDevice("source");
        SimulatedDevice mirror = _world.AddDevice("mirror", s => s.Direction = SyncDirection.ReceiveOnly);
        Seed(source);
        mirror.SyncOk();
        return (source, mirror);
    }

    private (SimulatedDevice Primary, SimulatedDevice Other) SendOnlyPair()
    {
        SimulatedDevice primary = _world.AddDevice("primary", s => s.Direction = SyncDirection.SendOnly);
        SimulatedDevice other = _world.AddDevice("other");
        Seed(primary);
        other.SyncOk();
        return (primary, other);
    }

    private static void Seed(SimulatedDevice d)
    {
        foreach ((string path, string content) in Cluster)
        {
            d.Write(path, content, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        d.SyncOk();
    }
}

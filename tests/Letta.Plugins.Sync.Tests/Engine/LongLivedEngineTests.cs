using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>One engine across runs (as in the server): its in-memory state must stay exactly what state.db holds.</summary>
public abstract class LongLivedEngineTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : LongLivedEngineTests(CloudMode.Shared);

    public sealed class LaggedCloud() : LongLivedEngineTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 18);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Run_ManyRunsOnOneEngine_SameResultsAsFreshEngines()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        SyncEngine engineA = a.Engine(), engineB = b.Engine();
        SyncRunResult Run(SyncEngine e) => (e == engineA ? a : b).Run(new SyncRunRequest(), e);

        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        Run(engineA).Succeeded.ShouldBeTrue();
        Run(engineB).FilesReceived.ShouldBe(2);
        Run(engineA).Hashed.ShouldBe(0);

        a.Write("x.md", "v2");
        b.Write("y.md", "from b");
        Run(engineA);
        Run(engineB);
        Run(engineA);
        b.Read("x.md").ShouldBe("v2");
        a.Read("y.md").ShouldBe("from b");

        b.Delete("x.md");
        Run(engineB).FilesDeleted.ShouldBe(1);
        Run(engineA).FilesDeleted.ShouldBe(1);

        // A fresh engine (a restart) plans nothing: the long-lived one wrote exactly what it kept in memory.
        a.Sync().Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
        Run(engineA).Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
        a.Snapshot().ShouldBe(b.Snapshot());
    }

    [Fact]
    public void Run_StateChangedByAnotherEngine_CacheNotUsed()
    {
        SimulatedDevice a = _world.AddDevice("a");
        SyncEngine longLived = a.Engine();
        a.Write("keep.md", "keep");
        a.Run(new SyncRunRequest(), longLived).Succeeded.ShouldBeTrue();

        a.Write("x.md", "added");
        a.SyncOk(); // another engine (another process) records x.md

        SyncRunResult r = a.Run(new SyncRunRequest(), longLived);

        r.FilesSent.ShouldBe(0);
        r.Plan.ShouldBeEmpty();
    }
}

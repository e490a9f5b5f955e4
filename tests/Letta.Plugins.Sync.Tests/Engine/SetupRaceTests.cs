using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>Two devices set up sync before the cloud drive carried either's marker across (lagged world only).</summary>
public sealed class SetupRaceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Sync_TwoDevicesSetUpBeforeTheCloudSynced_OneSetBothTreesNoDeviceLockedOut(int seed)
    {
        using var world = new SyncWorld(CloudMode.Lagged, seed) { ManualClient = true };
        SimulatedDevice a = world.AddDevice("a"), b = world.AddDevice("b");
        a.Write("from-a.md", "set up on a");
        b.Write("from-b.md", "set up on b");
        a.SyncOk();
        b.SyncOk(); // each created its own .syncroot in its own copy of the cloud

        world.Simulator!.Settle(); // the drive keeps one marker (the other becomes an iCloud duplicate)
        List<SyncRunResult> runs = [];
        for (int round = 0; round < 3; round++)
        {
            runs.Add(a.SyncOk());
            runs.Add(b.SyncOk());
            world.Simulator.Settle();
        }

        runs.Count(r => r.Issues.Any(i => i.Kind == "sync-set-merged")).ShouldBe(1);
        a.Snapshot().ShouldBe(b.Snapshot());
        a.Read("from-b.md").ShouldBe("set up on b");
        b.Read("from-a.md").ShouldBe("set up on a");
    }
}

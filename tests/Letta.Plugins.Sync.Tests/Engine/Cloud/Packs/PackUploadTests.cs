using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine.Cloud.Packs;

/// <summary>The upload side of packs: dedup inside one run, and rows recorded (in the background) before a kill.</summary>
public abstract class PackUploadTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : PackUploadTests(CloudMode.Shared);

    public sealed class LaggedCloud() : PackUploadTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 22);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }


    [Fact]
    public void Sync_SameContentUnderTwoNamesInOneRun_PackedOnce()
    {
        SimulatedDevice a = _world.AddDevice("a", s => Packing(s, targetSize: 1024 * 1024));
        SimulatedDevice b = _world.AddDevice("b");
        for (int i = 0; i < 20; i++)
        {
            a.Write($"notes/{i:D2}.md", Content(i));
            a.Write($"copies/{i:D2}.md", Content(i));
        }

        a.SyncOk().FilesSent.ShouldBe(40);

        IndexEntries(a).ShouldBe(20, "one record per content, however many paths hold it");
        b.SyncOk().FilesReceived.ShouldBe(40);
        b.Snapshot().ShouldBe(a.Snapshot());
    }

    [Fact]
    public void Sync_KilledMidUploadAfterSomePacksSealed_RerunConvergesWithoutPackingAgain()
    {
        SimulatedDevice a = _world.AddDevice("a", s => Packing(s, targetSize: 2048));
        SimulatedDevice b = _world.AddDevice("b");
        for (int i = 0; i < 60; i++)
        {
            a.Write($"notes/{i:D2}.md", Content(i));
        }

        int stored = 0;
        Should.Throw<SimulatedCrashException>(() => a.Sync(crash: (p, _) =>
        {
            // Rows of the packs sealed so far are queued for the state writer when the kill comes.
            if (p == CrashPoint.AfterUpload && Interlocked.Increment(ref stored) == 30)
            {
                throw new SimulatedCrashException(p);
            }
        }));
        int entriesAfterCrash = IndexEntries(a);
        entriesAfterCrash.ShouldBeGreaterThanOrEqualTo(30);

        SyncRunResult rerun = a.SyncOk();

        rerun.Conflicts.ShouldBeEmpty();
        rerun.Errors.ShouldBeEmpty();
        IndexEntries(a).ShouldBe(60, "content sealed before the kill is found through its index, not packed again");
        b.SyncOk().FilesReceived.ShouldBe(60);
        b.Snapshot().ShouldBe(a.Snapshot());
        a.SyncOk().FilesSent.ShouldBe(0, "every row is recorded after the rerun");
    }

    private static void Packing(SimulatedDeviceSetup s, long targetSize)
    {
        s.PackMinimumFiles = 1;
        s.PackThreshold = 1024;
        s.PackTargetSize = targetSize;
    }

    private static string Content(int i) => $"note {i}: " + new string((char)('a' + (i % 26)), 100 + (i * 7));

    /// <summary>Entries of the pack indexes in the device's cloud copy (iCloud duplicates such as "id 2.idx" not counted).</summary>
    private static int IndexEntries(SimulatedDevice device) =>
        Directory.GetFiles(Path.Combine(device.Cloud, "LettaSync", "blobs", "packs"), "*.idx")
            .Where(f => !Path.GetFileName(f).Contains(' ', StringComparison.Ordinal))
            .Sum(f => PackFormat.ParseIndex(File.ReadAllBytes(f))!.Count);
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine.Cloud;

/// <summary>Nothing in the cloud folder is trusted before its hash is checked; content lost there heals from a device that holds it.</summary>
public abstract class TrustScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : TrustScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : TrustScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 51);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_SameContentUploadedAgainOverADamagedBlob_BlobReplacedNotTrusted()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "the content");
        a.SyncOk();
        string blob = LooseBlob(a, "the content");
        File.WriteAllBytes(blob, File.ReadAllBytes(blob)[..^4]); // damaged in the cloud

        a.Write("copy-of-x.md", "the content"); // the same content again: its blob "exists"
        a.SyncOk();
        SyncRunResult r = b.SyncOk();

        r.Errors.ShouldBeEmpty();
        b.Read("x.md").ShouldBe("the content");
        b.Read("copy-of-x.md").ShouldBe("the content");
    }

    [Fact]
    public void Sync_LooseBlobLostFromTheCloud_HolderUploadsItAgainAndANewDeviceCompletes()
    {
        SimulatedDevice a = _world.AddDevice("a");
        a.Write("keep.md", "keep");
        a.Write("x.md", "lost in the cloud");
        a.SyncOk();
        File.Delete(LooseBlob(a, "lost in the cloud"));

        SimulatedDevice b = _world.AddDevice("b");
        SyncRunResult waiting = b.SyncOk();
        SyncRunResult healing = a.SyncOk();
        SyncRunResult done = b.SyncOk();

        waiting.Errors.ShouldContain(e => e.Path == "x.md" && e.Kind == "blob-unavailable");
        waiting.Issues.ShouldContain(i => i.Kind == "waiting-for-content" && i.Message.Contains("x.md", StringComparison.Ordinal));
        healing.Issues.ShouldContain(i => i.Kind == "content-reuploaded" && i.Path == "x.md");
        done.Errors.ShouldBeEmpty();
        done.Issues.ShouldNotContain(i => i.Kind == "waiting-for-content");
        b.Read("x.md").ShouldBe("lost in the cloud");
        b.Snapshot().ShouldBe(a.Snapshot());
    }

    [Fact]
    public void Sync_PackRecordDamagedInTheCloud_HolderUploadsItAgainLooseAndTheReceiverCompletes()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.PackMinimumFiles = 4);
        for (int i = 0; i < 20; i++)
        {
            a.Write($"notes/{i:D2}.md", $"note {i} " + new string('n', 200));
        }

        a.SyncOk();
        string pack = Directory.GetFiles(Path.Combine(a.Cloud, "LettaSync", "blobs", "packs"), "*.pack").Single(f => !Path.GetFileName(f).Contains(' ', StringComparison.Ordinal));
        byte[] bytes = File.ReadAllBytes(pack);
        bytes[^10] ^= 0xFF; // the last record's content
        File.WriteAllBytes(pack, bytes);

        SimulatedDevice b = _world.AddDevice("b");
        SyncRunResult waiting = b.SyncOk();
        a.SyncOk();
        SyncRunResult done = b.SyncOk();

        waiting.Errors.Count(e => e.Kind == "blob-unavailable").ShouldBe(1);
        done.Errors.ShouldBeEmpty();
        b.Snapshot().ShouldBe(a.Snapshot());
    }

    [Fact]
    public void Sync_ContentNoDeviceHoldsAnyMore_ReportedOnEveryRunAndNeverRecorded()
    {
        SimulatedDevice a = _world.AddDevice("a");
        a.Write("keep.md", "keep");
        a.Write("x.md", "only ever on a");
        a.SyncOk();
        File.Delete(LooseBlob(a, "only ever on a"));
        Directory.Delete(a.Folder, recursive: true); // device a is gone, with its files

        SimulatedDevice b = _world.AddDevice("b");
        for (int run = 0; run < 3; run++)
        {
            SyncRunResult r = b.SyncOk();
            r.Errors.ShouldContain(e => e.Path == "x.md" && e.Kind == "blob-unavailable", $"run {run}");
            r.Issues.ShouldContain(i => i.Kind == "waiting-for-content", $"run {run}");
            r.Plan.ShouldContain(p => p.Key == "x.md" && p.Action == Letta.Plugins.Sync.Engine.Planning.PlanAction.Pull, $"run {run}");
        }

        b.Exists("x.md").ShouldBeFalse();
        b.Read("keep.md").ShouldBe("keep");
    }

    private static string LooseBlob(SimulatedDevice device, string content) =>
        Directory.EnumerateFiles(Path.Combine(device.Cloud, "LettaSync", "blobs"), SimulatedDevice.Sha(content), SearchOption.AllDirectories).Single();
}

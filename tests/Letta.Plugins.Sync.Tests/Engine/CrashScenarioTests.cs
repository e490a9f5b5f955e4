using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>sync.md §12 scenarios 18–20 and 25: a run stopped at each phase, then re-run.</summary>
public abstract class CrashScenarioTests : IDisposable
{
    public sealed class SharedCloud() : CrashScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : CrashScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world;
    private readonly SimulatedDevice _a;
    private readonly SimulatedDevice _b;

    protected CrashScenarioTests(CloudMode mode)
    {
        _world = new SyncWorld(mode, seed: 14);
        _a = _world.AddDevice("a");
        _b = _world.AddDevice("b");
        _a.Write("keep.md", "keep");
        _a.Write("edit.md", "old edit");
        _a.Write("gone.md", "to be deleted");
        _a.SyncOk();
        _b.SyncOk();
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("AfterScan")]
    [InlineData("UploadTempWritten")]
    [InlineData("AfterUpload")]
    [InlineData("AfterCommit")]
    [InlineData("BeforePublish")]
    [InlineData("AfterPublish")]
    public void Sync_SenderKilledAtPhase_RerunConvergesWithoutLossOrConflict(string phase)
    {
        CrashPoint point = Enum.Parse<CrashPoint>(phase);
        _a.Write("edit.md", "new edit");
        _a.Write("added.md", "added");
        _a.Delete("gone.md");

        Should.Throw<SimulatedCrashException>(() => _a.Sync(crash: CrashAt(point)));

        _a.Read("edit.md").ShouldBe("new edit");
        _a.Read("added.md").ShouldBe("added");
        SyncRunResult rerun = _a.SyncOk();
        rerun.Conflicts.ShouldBeEmpty();
        _b.SyncOk().Conflicts.ShouldBeEmpty();
        _b.Snapshot().ShouldBe(_a.Snapshot());
        _b.Read("edit.md").ShouldBe("new edit");
        _b.Exists("gone.md").ShouldBeFalse();
        // A partial upload stays a .tmp of this device, never referenced; it is removed once older than the lock lifetime.
        string prefix = _a.DeviceId.Substring(0, 7);
        Directory.EnumerateFiles(Path.Combine(_a.Cloud, "LettaSync", "tmp"))
            .ShouldAllBe(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal) && f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AfterScan")]
    [InlineData("DownloadTempWritten")]
    [InlineData("AfterApply")]
    [InlineData("AfterCommit")]
    [InlineData("BeforePublish")]
    [InlineData("AfterPublish")]
    public void Sync_ReceiverKilledAtPhase_TargetOldOrNewAndRerunConverges(string phase)
    {
        CrashPoint point = Enum.Parse<CrashPoint>(phase);
        _a.Write("edit.md", "new edit");
        _a.Write("added.md", "added");
        _a.Delete("gone.md");
        _a.SyncOk();

        Should.Throw<SimulatedCrashException>(() => _b.Sync(crash: CrashAt(point)));

        _b.Read("edit.md").ShouldBeOneOf("old edit", "new edit");
        SyncRunResult rerun = _b.SyncOk();
        rerun.Conflicts.ShouldBeEmpty();
        _b.Snapshot().ShouldBe(_a.Snapshot());
        Directory.EnumerateFiles(_b.Folder, "*" + SyncPaths.LocalTempSuffix, SearchOption.AllDirectories).ShouldBeEmpty();
        _a.SyncOk().Conflicts.ShouldBeEmpty();
        _a.Read("edit.md").ShouldBe("new edit");
    }

    [Fact]
    public void Sync_KilledDuringBlobUpload_PartialTempNeverReferencedAndManifestNotPublished()
    {
        string manifest = Path.Combine(_a.Cloud, "LettaSync", "manifests", "memories", _a.DeviceId + ".json.gz");
        byte[] before = File.ReadAllBytes(manifest);
        _a.Write("added.md", "added");

        Should.Throw<SimulatedCrashException>(() => _a.Sync(crash: CrashAt(CrashPoint.UploadTempWritten)));

        File.ReadAllBytes(manifest).ShouldBe(before);
        string partial = Directory.EnumerateFiles(Path.Combine(_a.Cloud, "LettaSync", "tmp")).Single();
        File.SetLastWriteTimeUtc(partial, DateTime.UtcNow.AddHours(-1));
        _b.SyncOk().FilesReceived.ShouldBe(0);
        _a.SyncOk().FilesSent.ShouldBe(1);
        File.Exists(partial).ShouldBeFalse();
        _b.SyncOk();
        _b.Read("added.md").ShouldBe("added");
    }

    [Fact]
    public void Sync_LocalFileModifiedBetweenScanAndApply_IsNotOverwrittenAndConflictsNextRun()
    {
        _a.Write("edit.md", "from a", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _a.SyncOk();

        SyncRunResult r = _b.Sync(crash: (p, path) =>
        {
            if (p == CrashPoint.DownloadTempWritten && path == "edit.md")
            {
                _b.Write("edit.md", "user typed this meanwhile", new DateTime(2026, 1, 1, 0, 0, 5, DateTimeKind.Utc));
            }
        });

        r.Errors.ShouldContain(e => e.Path == "edit.md");
        _b.Read("edit.md").ShouldBe("user typed this meanwhile");
        _b.SyncOk().Conflicts.Count.ShouldBe(1);
        _b.Snapshot().Values.ShouldContain("from a");
        _b.Snapshot().Values.ShouldContain("user typed this meanwhile");
    }

    private static Action<CrashPoint, string?> CrashAt(CrashPoint point) => (p, _) =>
    {
        if (p == point)
        {
            throw new SimulatedCrashException(p);
        }
    };
}

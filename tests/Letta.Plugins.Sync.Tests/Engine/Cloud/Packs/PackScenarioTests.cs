using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine.Cloud.Packs;

/// <summary>Small files travel in pack blobs: round trip, verification, crash ordering and dedup.</summary>
public abstract class PackScenarioTests : IDisposable
{
    public sealed class SharedCloud() : PackScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : PackScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world;
    private readonly SimulatedDevice _a;
    private readonly SimulatedDevice _b;

    protected PackScenarioTests(CloudMode mode)
    {
        _world = new SyncWorld(mode, seed: 21);
        _a = _world.AddDevice("a", Packing);
        _b = _world.AddDevice("b", Packing);
    }

    private static string PacksDir(SimulatedDevice device) => Path.Combine(device.Cloud, "LettaSync", "blobs", "packs");

    /// <summary>The device's cloud copy's files of one kind in blobs/packs/, iCloud duplicates ("id 2.pack") left out.</summary>
    private static string[] PackFiles(SimulatedDevice device, string pattern) =>
        Directory.GetFiles(PacksDir(device), pattern).Where(f => !Path.GetFileName(f).Contains(' ', StringComparison.Ordinal)).ToArray();

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_ManySmallFiles_PackedAndRoundTripToSecondDevice()
    {
        WriteSmallFiles(_a, "notes", 40);
        _a.Write("big.md", new string('x', 5000));

        _a.SyncOk().FilesSent.ShouldBe(41);

        string[] packs = PackFiles(_a, "*.pack");
        packs.Length.ShouldBeGreaterThan(1, "a 4 KiB target size splits 40 files into several packs");
        PackFiles(_a, "*.idx").Select(Path.GetFileNameWithoutExtension)
            .ShouldBe(packs.Select(Path.GetFileNameWithoutExtension), ignoreOrder: true);
        LooseBlobs().ShouldBe([SimulatedDevice.Sha(new string('x', 5000))], "only the file above the threshold stays loose");
        IndexEntries().ShouldBe(40);

        SyncRunResult received = _b.SyncOk();
        received.FilesReceived.ShouldBe(41);
        received.Errors.ShouldBeEmpty();
        _b.Snapshot().ShouldBe(_a.Snapshot());
    }

    [Fact]
    public void Sync_FewSmallFiles_StayLooseBelowPackMinimum()
    {
        SimulatedDevice c = _world.AddDevice("c");
        WriteSmallFiles(c, "few", 3);

        c.SyncOk().FilesSent.ShouldBe(3);

        Directory.Exists(PacksDir(c)).ShouldBeFalse();
        LooseBlobs(c).Count.ShouldBe(3);
    }

    [Fact]
    public void Sync_CorruptedPackEntry_DetectedAndNeverWrittenToUserFile()
    {
        WriteSmallFiles(_a, "notes", 20);
        _a.Write("victim.md", "the content that gets corrupted in its pack");
        _a.SyncOk();
        PackLocation victim = Locate(SimulatedDevice.Sha("the content that gets corrupted in its pack"));
        string pack = Path.Combine(PacksDir(_a), victim.PackId + ".pack");
        byte[] bytes = File.ReadAllBytes(pack);
        bytes[victim.Offset + BlobStore.RecordHeader.Length + 4] ^= 0xFF;
        File.WriteAllBytes(pack, bytes);

        SyncRunResult r = _b.Sync();

        r.Errors.ShouldContain(e => e.Path == "victim.md" && e.Kind == "blob-unavailable");
        _b.Exists("victim.md").ShouldBeFalse();
        Directory.EnumerateFiles(_b.Folder, "*" + SyncPaths.LocalTempSuffix, SearchOption.AllDirectories).ShouldBeEmpty();
        _b.Snapshot().Count.ShouldBe(20, "every intact entry of the same pack is applied");
    }

    [Fact]
    public void Sync_IndexArrivesBeforeItsPack_NothingWrittenUntilThePackIsThere()
    {
        WriteSmallFiles(_a, "notes", 20);
        _a.SyncOk();
        string pack = PackFiles(_a, "*.pack").Single();
        File.Move(pack, pack + ".away"); // iCloud delivered the index, not yet the pack

        SyncRunResult early = _b.Sync();

        early.Errors.Count.ShouldBe(20);
        early.Errors.ShouldAllBe(e => e.Kind == "blob-unavailable");
        _b.Snapshot().ShouldBeEmpty();
        File.Move(pack + ".away", pack);
        _b.SyncOk().FilesReceived.ShouldBe(20);
        _b.Snapshot().ShouldBe(_a.Snapshot());
    }

    [Theory]
    [InlineData("UploadTempWritten")]
    [InlineData("AfterUpload")]
    [InlineData("AfterCommit")]
    [InlineData("BeforePublish")]
    public void Sync_KilledBetweenPackWriteAndManifestPublish_RerunConverges(string phase)
    {
        CrashPoint point = Enum.Parse<CrashPoint>(phase);
        WriteSmallFiles(_a, "first", 20);
        _a.SyncOk();
        _b.SyncOk();
        string manifest = Path.Combine(_a.Cloud, "LettaSync", "manifests", "memories", _a.DeviceId + ".json.gz");
        byte[] before = File.ReadAllBytes(manifest);
        WriteSmallFiles(_a, "second", 30);

        Should.Throw<SimulatedCrashException>(() => _a.Sync(crash: (p, _) =>
        {
            if (p == point)
            {
                throw new SimulatedCrashException(p);
            }
        }));

        File.ReadAllBytes(manifest).ShouldBe(before, "no manifest references a pack before the run publishes");
        _b.SyncOk().FilesReceived.ShouldBe(0);
        SyncRunResult rerun = _a.SyncOk();
        rerun.Conflicts.ShouldBeEmpty();
        SyncRunResult received = _b.SyncOk();
        received.Errors.ShouldBeEmpty();
        received.Conflicts.ShouldBeEmpty();
        _b.Snapshot().ShouldBe(_a.Snapshot());
        _b.Snapshot().Count.ShouldBe(50);
    }

    [Fact]
    public void Sync_ContentAlreadyPacked_IsNotPackedAgain()
    {
        WriteSmallFiles(_a, "notes", 20);
        _a.SyncOk();
        int entriesBefore = IndexEntries();
        // B holds the same 20 contents under other names, plus 20 of its own.
        for (int i = 0; i < 20; i++)
        {
            _b.Write($"copies/{i:D2}.md", SmallContent("notes", i));
            _b.Write($"own/{i:D2}.md", SmallContent("own", i));
        }

        _b.SyncOk().FilesSent.ShouldBe(40);

        IndexEntries(_b).ShouldBe(entriesBefore + 20, "B packs only its own 20 contents");
        int packsAfterB = PackFiles(_b, "*.pack").Length;
        _a.SyncOk().Errors.ShouldBeEmpty();
        _a.Snapshot().ShouldBe(_b.Snapshot());
        // A renames every file: the content is in packs already, so nothing new is written.
        foreach (string path in _a.Snapshot().Keys.Where(k => k.StartsWith("notes/", StringComparison.Ordinal)))
        {
            File.Move(_a.Path_(path), _a.Path_(path.Replace("notes/", "renamed-", StringComparison.Ordinal)));
        }

        _a.SyncOk(force: true);
        PackFiles(_a, "*.pack").Length.ShouldBe(packsAfterB);
        IndexEntries().ShouldBe(entriesBefore + 20);
        LooseBlobs().ShouldBeEmpty();
    }

    private static void Packing(SimulatedDeviceSetup s)
    {
        s.PackMinimumFiles = 1;
        s.PackThreshold = 1024;
        s.PackTargetSize = 4096;
    }

    private static string SmallContent(string group, int i) => $"{group} note {i}: " + new string((char)('a' + (i % 26)), 100 + (i * 7));

    private static void WriteSmallFiles(SimulatedDevice device, string group, int count)
    {
        for (int i = 0; i < count; i++)
        {
            device.Write($"{group}/{i:D2}.md", SmallContent(group, i));
        }
    }

    private List<string> LooseBlobs(SimulatedDevice? device = null)
    {
        string blobs = Path.Combine((device ?? _a).Cloud, "LettaSync", "blobs");
        return !Directory.Exists(blobs) ? [] : Directory.EnumerateDirectories(blobs).Where(d => Path.GetFileName(d) != "packs")
            .SelectMany(Directory.EnumerateFiles).Select(f => Path.GetFileName(f)).Where(n => !n.Contains(' ', StringComparison.Ordinal)).ToList();
    }

    /// <summary>Entries of the pack indexes in the device's cloud copy (iCloud duplicates such as "id 2.idx" not counted).</summary>
    private int IndexEntries(SimulatedDevice? device = null) =>
        PackFiles(device ?? _a, "*.idx").Sum(f => PackFormat.ParseIndex(File.ReadAllBytes(f))!.Count);

    private PackLocation Locate(string sha)
    {
        var index = new PackIndex(new CloudLayout(_a.Cloud));
        index.Refresh();
        ContentKey.TryParse(sha, out ContentKey key).ShouldBeTrue();
        index.TryFind(key, out PackLocation location).ShouldBeTrue();
        return location;
    }
}

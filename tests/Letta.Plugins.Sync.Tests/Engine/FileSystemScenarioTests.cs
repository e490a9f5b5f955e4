using System.Text;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>iCloud specifics and file-system edge cases: §12 #11, #23, #24, #26, #27, #29–#31, #33, #40.</summary>
public abstract class FileSystemScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : FileSystemScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : FileSystemScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 16);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_EvictedIcloudStub_NotDeletedNotChangedAndReported()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("docs/big.md", "full content");
        a.SyncOk();
        b.SyncOk();
        a.Delete("docs/big.md");
        a.WriteIcloudStub("docs/.big.md.icloud"); // iCloud evicted it: the real name disappears

        SyncRunResult r = a.SyncOk();

        r.FilesDeleted.ShouldBe(0);
        r.Issues.ShouldContain(i => i.Path == "docs/big.md" && i.Kind == "unavailable");
        r.Plan.Single(p => p.Key == "docs/big.md").Action.ShouldBe(PlanAction.Skip);
        b.SyncOk();
        b.Read("docs/big.md").ShouldBe("full content");
    }

    [Fact]
    public void Sync_RealFileNamedLikeAStub_SyncedAsAFile()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write(".notes.icloud", "not a placeholder: a real file with text in it");

        a.SyncOk();
        b.SyncOk();

        b.Read(".notes.icloud").ShouldBe("not a placeholder: a real file with text in it");
    }

    [Fact]
    public void Sync_UnavailableFileWithRemoteEdit_NeverOverwritten()
    {
        SimulatedDevice a = _world.AddDevice("a");
        SimulatedDevice b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "v1");
        a.SyncOk();
        b.SyncOk();
        a.Write("x.md", "v2");
        a.SyncOk();
        b.Setup.Unavailable.Add("x.md"); // dataless / locked / unreadable (simulated: tests run as root)

        SyncRunResult r = b.SyncOk();

        r.Plan.Single(p => p.Key == "x.md").Action.ShouldBe(PlanAction.Skip);
        b.Read("x.md").ShouldBe("v1");
        b.Setup.Unavailable.Clear();
        b.SyncOk();
        b.Read("x.md").ShouldBe("v2");
    }

    [Fact]
    public void Sync_UnreadableLocalFile_ReportedRestProceedsNotTreatedAsDeleted()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("locked.md", "v1");
        a.SyncOk();
        b.SyncOk();
        a.Write("locked.md", "v2 while locked");
        a.Write("other.md", "other");
        a.Setup.Unavailable.Add("locked.md");

        SyncRunResult r = a.SyncOk();

        r.Issues.ShouldContain(i => i.Path == "locked.md");
        r.FilesSent.ShouldBe(1);
        b.SyncOk();
        b.Read("locked.md").ShouldBe("v1");
        b.Read("other.md").ShouldBe("other");
    }

    [Fact]
    public void Sync_IcloudDuplicateInCloudFolder_ReportedAsForeignNeverIngested()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.SyncOk();
        string dir = Path.Combine(a.Cloud, "LettaSync", "manifests", "memories");
        string manifest = Directory.EnumerateFiles(dir).Single();
        File.Copy(manifest, Path.Combine(dir, Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(manifest)) + " 2.json.gz"));
        string devices = Path.Combine(a.Cloud, "LettaSync", "devices");
        File.Copy(Directory.EnumerateFiles(devices).Single(), Path.Combine(devices, "X 2.json"));

        SyncRunResult r = b.SyncOk();

        r.Issues.Count(i => i.Kind == "foreign").ShouldBe(2);
        b.Read("keep.md").ShouldBe("keep");
        SyncRunResult again = b.SyncOk();
        again.Issues.ShouldNotContain(i => i.Kind == "foreign", "reported once, not on every run");
        again.ForeignFiles.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Sync_RemoteNamesDifferOnlyByCase_OnCaseInsensitiveVolumeOneSyncedOtherReported()
    {
        SimulatedDevice a = _world.AddDevice("a");
        SimulatedDevice mac = _world.AddDevice("mac", s => s.CaseInsensitive = true);
        a.Write("Readme.md", "first");
        a.Write("README.md", "second");
        a.SyncOk();

        SyncRunResult r = mac.SyncOk();

        r.Issues.ShouldContain(i => i.Kind == "case-conflict" && i.Path == "Readme.md");
        mac.Snapshot().Keys.ShouldBe(["README.md"]);
        mac.Read("README.md").ShouldBe("second");
        SyncRunResult again = mac.SyncOk();
        again.FilesReceived.ShouldBe(0);
        a.SyncOk();
        a.Read("Readme.md").ShouldBe("first");
    }

    [Fact]
    public void Sync_NfdAndNfcSpellings_OnePathNoDeleteCreateLoop()
    {
        SimulatedDevice mac = _world.AddDevice("mac"), linux = _world.AddDevice("linux");
        string nfd = "Cafe\u0301.md".Normalize(NormalizationForm.FormD);
        mac.Write(nfd, "accent");
        mac.Write("keep.md", "keep");
        mac.SyncOk();

        linux.SyncOk();
        linux.Exists("Café.md".Normalize(NormalizationForm.FormC)).ShouldBeTrue();
        for (int i = 0; i < 2; i++)
        {
            mac.SyncOk().Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
            linux.SyncOk().Plan.ShouldAllBe(p => p.Action == PlanAction.UpdateVersion);
        }

        mac.Snapshot().Count.ShouldBe(2);
        linux.Snapshot().Count.ShouldBe(2);
    }

    [Fact]
    public void Sync_TwoLocalNamesDifferingOnlyByNormalisation_SecondReportedNotSynced()
    {
        SimulatedDevice a = _world.AddDevice("a");
        a.Write("Cafe\u0301.md".Normalize(NormalizationForm.FormD), "nfd");
        a.Write("Café.md".Normalize(NormalizationForm.FormC), "nfc");

        SyncRunResult r = a.SyncOk();

        r.Issues.ShouldContain(i => i.Kind == "case-conflict");
        r.FilesSent.ShouldBe(1);
    }

    [Fact]
    public void Sync_IgnoredItems_NeverSynced()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write(".DS_Store", "junk");
        a.Write("draft.tmp", "tmp");
        a.Write("proj/.git/HEAD", "ref");
        a.Write("proj/node_modules/x/index.js", "js");
        a.Write("proj/bin/app.dll", "bin");
        a.Write("proj/src/main.cs", "code");

        a.SyncOk();
        b.SyncOk();

        b.Snapshot().Keys.ShouldBe(["keep.md", "proj/src/main.cs"], ignoreOrder: true);
    }

    [Fact]
    public void Sync_FileBecomesDirectoryRemotely_LocalItemRenamedNothingDeletedRecursively()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("thing", "a file");
        a.SyncOk();
        b.SyncOk();
        a.Delete("thing");
        a.Write("thing/inside.md", "now a directory");
        b.Write("thing", "b edited the file");

        a.SyncOk();
        SyncRunResult rb = b.SyncOk();
        rb.Errors.ShouldBeEmpty(string.Join("; ", rb.Errors.Select(e => e.Path + ": " + e.Message)));
        a.SyncOk();

        b.Read("thing/inside.md").ShouldBe("now a directory");
        b.Snapshot().Values.ShouldContain("b edited the file");

        // "thing" cannot be a file and a directory at once: one of them is renamed aside, nothing is lost.
        for (int i = 0; i < 2; i++)
        {
            a.SyncOk(force: true);
            b.SyncOk(force: true);
        }

        a.Snapshot().ShouldBe(b.Snapshot());
        a.Snapshot().Values.ShouldContain("b edited the file");
        a.Snapshot().Values.ShouldContain("now a directory");
    }

    [Fact]
    public void Sync_UnsafeManifestPaths_Rejected()
    {
        SimulatedDevice a = _world.AddDevice("a");
        a.Write("keep.md", "keep");
        a.SyncOk();
        var evil = new List<ManifestEntry>
        {
            new() { Path = "../escape.md", Sha = SimulatedDevice.Sha("x"), Size = 1, Version = "EVILDEVICEAAAA:5", Author = "EVILDEVICEAAAA" },
            new() { Path = "/etc/passwd", Sha = SimulatedDevice.Sha("x"), Size = 1, Version = "EVILDEVICEAAAA:5", Author = "EVILDEVICEAAAA" },
        };
        var layout = new CloudLayout(a.Cloud);
        ManifestStore.Write(layout, "EVILDEVICEAAAA", "memories", new string('E', 52), 1, evil, DateTimeOffset.UtcNow, durable: false);

        SyncRunResult r = a.SyncOk();

        r.Issues.Count(i => i.Kind == "rejected-path").ShouldBe(2);
        File.Exists(Path.Combine(_world.Root, "a", "escape.md")).ShouldBeFalse();
    }

    [Fact]
    public void Sync_SymlinkOutsideRoot_NotFollowed()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        string outside = Path.Combine(_world.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.md"), "secret");
        Directory.CreateSymbolicLink(a.Path_("link"), outside);
        File.CreateSymbolicLink(a.Path_("filelink.md"), Path.Combine(outside, "secret.md"));

        SyncRunResult r = a.SyncOk();
        b.SyncOk();

        r.Issues.Count(i => i.Kind == "symlink").ShouldBe(2);
        b.Snapshot().Keys.ShouldBe(["keep.md"]);
    }

    [Fact]
    public void Sync_SameSizeEditInSameSecondAsScan_DetectedNextRun()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        DateTime now = DateTime.UtcNow;
        a.Write("x.md", "AAAA", now);
        a.SyncOk();
        b.SyncOk();

        // Same size, same mtime, same inode: only the racy-mtime rule can notice.
        using (var f = new FileStream(a.Path_("x.md"), FileMode.Open, FileAccess.Write))
        {
            f.Write("BBBB"u8);
        }

        File.SetLastWriteTimeUtc(a.Path_("x.md"), now);
        a.SyncOk();
        b.SyncOk();

        b.Read("x.md").ShouldBe("BBBB");
    }

    [Fact]
    public void Sync_ConflictOnConflictCopy_NoCopyOfCopyAndLoserKeptInVersions()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "base");
        a.SyncOk();
        b.SyncOk();
        a.Write("x.md", "a1", new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc));
        b.Write("x.md", "b1", new DateTime(2026, 1, 1, 2, 0, 0, DateTimeKind.Utc));
        a.SyncOk();
        b.SyncOk();
        a.SyncOk();
        string copy = a.Snapshot().Keys.Single(k => k.Contains(".sync-conflict-", StringComparison.Ordinal));
        a.Write(copy, "a edits the copy", new DateTime(2026, 1, 2, 1, 0, 0, DateTimeKind.Utc));
        b.Write(copy, "b edits the copy", new DateTime(2026, 1, 2, 2, 0, 0, DateTimeKind.Utc));

        a.SyncOk();
        b.SyncOk();
        a.SyncOk();

        a.Snapshot().Keys.Count(k => k.Contains(".sync-conflict-", StringComparison.Ordinal)).ShouldBe(1);
        a.Read(copy).ShouldBe("b edits the copy");
        a.AllContentEverywhere().ShouldContain("a edits the copy");
    }
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Scanning;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine.Scanning;

/// <summary>Change detection by (size, mtime, file id) and the maximum file size.</summary>
public abstract class ChangeDetectionTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : ChangeDetectionTests(CloudMode.Shared);

    public sealed class LaggedCloud() : ChangeDetectionTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 23);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_FileReplacedWithSameSizeAndMtimeButNewInode_Detected()
    {
        NativeStat.IsAvailable.ShouldBeTrue();
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        var mtime = new DateTime(2026, 2, 2, 2, 2, 2, DateTimeKind.Utc);
        a.Write("x.md", "AAAA", mtime);
        a.SyncOk();
        b.SyncOk();

        // An editor's "save as temp, rename over": same size, same mtime, different inode.
        string tmp = a.Path_("x.md.new");
        File.WriteAllText(tmp, "BBBB");
        File.SetLastWriteTimeUtc(tmp, mtime);
        File.Move(tmp, a.Path_("x.md"), overwrite: true);

        a.SyncOk().Hashed.ShouldBe(1);
        b.SyncOk();
        b.Read("x.md").ShouldBe("BBBB");
    }

    [Fact]
    public void Sync_FileLargerThanMaximum_ReportedSkippedAndNotDeletedElsewhere()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.MaxFileSize = 10);
        SimulatedDevice b = _world.AddDevice("b", s => s.MaxFileSize = 10);
        a.Write("keep.md", "keep");
        a.Write("small.md", "tiny");
        a.SyncOk();
        b.SyncOk();
        a.Write("small.md", "now much larger than ten bytes");

        SyncRunResult r = a.SyncOk();
        b.SyncOk();

        r.Issues.ShouldContain(i => i.Path == "small.md" && i.Message.Contains("maximum file size", StringComparison.Ordinal));
        b.Read("small.md").ShouldBe("tiny");
        a.Read("small.md").ShouldBe("now much larger than ten bytes");
    }
}

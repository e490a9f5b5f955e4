using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>The per-file cap on conflict copies: §12 #40 (the no-chain half is in <see cref="FileSystemScenarioTests"/>).</summary>
public abstract class ConflictCapScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : ConflictCapScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : ConflictCapScenarioTests(CloudMode.Lagged);

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly SyncWorld _world = new(mode, seed: 13);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_TwelveSuccessiveConflicts_TenCopiesKeptOldestTwoInVersionsOnEveryDevice()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        a.Write("x.md", "base", Start);
        a.SyncOk();
        b.SyncOk();

        for (int i = 1; i <= 12; i++)
        {
            // b's edit is newer, so b keeps the name and a's edit becomes the copy named after a's mtime.
            a.Write("x.md", $"a{i}", Start.AddDays(i).AddHours(1));
            b.Write("x.md", $"b{i}", Start.AddDays(i).AddHours(2));
            a.SyncOk();
            b.SyncOk();
            a.SyncOk();
        }

        b.SyncOk();
        a.SyncOk();

        foreach (SimulatedDevice d in new[] { a, b })
        {
            SortedDictionary<string, string> files = d.Snapshot();
            List<string> copies = files.Keys.Where(SyncPaths.IsConflictCopy).ToList();
            copies.Count.ShouldBe(10, d.Name);
            copies.Select(c => files[c]).ShouldBe(Enumerable.Range(3, 10).Select(i => $"a{i}"), ignoreOrder: true);
            copies.ShouldAllBe(c => c.IndexOf(SyncPaths.ConflictInfix, StringComparison.Ordinal) == c.LastIndexOf(SyncPaths.ConflictInfix, StringComparison.Ordinal));
            files["x.md"].ShouldBe("b12");

            // The pruned copies were moved, not unlinked: both are in this device's versions folder, bytes intact.
            foreach (int i in new[] { 1, 2 })
            {
                string stem = $"x.sync-conflict-{Start.AddDays(i).AddHours(1):yyyyMMdd-HHmmss}-{a.DeviceId[..7]}-{SimulatedDevice.Sha($"a{i}")[..8]}";
                string kept = Directory.EnumerateFiles(d.VersionsFolder).Single(f => Path.GetFileName(f).StartsWith(stem + "~", StringComparison.Ordinal));
                File.ReadAllText(kept).ShouldBe($"a{i}");
            }
        }

        a.Snapshot().Keys.ShouldBe(b.Snapshot().Keys);
        a.SyncOk().Plan.ShouldBeEmpty();
    }

    [Fact]
    public void Sync_ConflictCopiesPastConfiguredCap_PrunedCopyTombstonedAndNotResurrected()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.MaxConflictCopies = 1);
        SimulatedDevice b = _world.AddDevice("b", s => s.MaxConflictCopies = 1);
        a.Write("keep.md", "keep");
        a.Write("x.md", "base", Start);
        a.SyncOk();
        b.SyncOk();
        for (int i = 1; i <= 2; i++)
        {
            a.Write("x.md", $"a{i}", Start.AddDays(i).AddHours(1));
            b.Write("x.md", $"b{i}", Start.AddDays(i).AddHours(2));
            a.SyncOk();
            b.SyncOk();
            a.SyncOk();
        }

        SyncRunResult settle = b.SyncOk();

        settle.Failure.ShouldBeNull();
        foreach (SimulatedDevice d in new[] { a, b })
        {
            d.Snapshot().Where(kv => SyncPaths.IsConflictCopy(kv.Key)).Select(kv => kv.Value).ShouldBe(["a2"]);
        }

        a.SyncOk().Plan.ShouldBeEmpty();
        b.SyncOk().Plan.ShouldBeEmpty();
        a.AllContentEverywhere().ShouldContain("a1");
        b.AllContentEverywhere().ShouldContain("a1");
    }
}

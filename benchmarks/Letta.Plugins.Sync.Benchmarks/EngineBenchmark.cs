using System.Diagnostics;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Applying;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>
/// The engine alone on one device (no host, no receiver): first sync, no-change and 1 %-changed re-syncs against the
/// walk, hash and copy floors. For profiling the sending side; the end-to-end figures come from <see cref="EndToEnd"/>.
/// </summary>
internal static class EngineBenchmark
{
    public static int Run(int files, double scale, string root, bool keep)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        string tree = Path.Combine(root, "device-a", "tree");
        string cloud = Path.Combine(root, "cloud");
        string state = Path.Combine(root, "device-a", "home", "plugins", "sync");
        Directory.CreateDirectory(tree);
        Directory.CreateDirectory(cloud);
        Console.WriteLine($"load average at start: {Load()}");
        Console.WriteLine($"cores: {Environment.ProcessorCount}, SHA-NI path: .NET {Environment.Version}, native lstat: {NativeStat.IsAvailable}");

        var sw = Stopwatch.StartNew();
        long bytes = TreeGenerator.Generate(tree, files, scale, seed: 42);
        Console.WriteLine($"generated {files:N0} files, {bytes / 1e9:F2} GB in {sw.Elapsed.TotalSeconds:F1} s under {tree}");

        var engine = BenchEngine.Create(cloud, state, tree);

        // Warm the page cache and the JIT the same way for everything measured below.
        Floors.Walk(tree);
        Floors.Hash(tree);

        // The box may be shared: every floor is measured twice, right next to the run it is compared with, and the
        // smaller value is kept; the no-change re-sync is run three times and its fastest run kept.
        var (walk, walkFiles, walkBytes) = Floors.Walk(tree);
        TimeSpan find = Floors.FindCommand(tree);
        TimeSpan hash = Min(Floors.Hash(tree), Floors.Hash(tree));
        TimeSpan copy = Min(CopyFloor(root, tree), CopyFloor(root, tree));
        TimeSpan atomicCopy = Floors.AtomicCopy(tree, Path.Combine(root, "atomic-floor"));
        Directory.Delete(Path.Combine(root, "atomic-floor"), recursive: true);
        FileSystemFlush.FlushAll(); // the generator's and the copy floor's dirty pages are not the sync's to write back

        SyncRunResult first = Run(engine, "first sync");
        SyncRunResult noChange = Run(engine, "no-change re-sync #1");
        TimeSpan walk2 = Floors.Walk(tree).Time;
        for (int i = 2; i <= 3; i++)
        {
            SyncRunResult again = Run(engine, $"no-change re-sync #{i}");
            noChange = again.Duration < noChange.Duration ? again : noChange;
            TimeSpan w = Floors.Walk(tree).Time;
            walk2 = w < walk2 ? w : walk2;
        }

        (int changed, long changedBytes) = TreeGenerator.ChangeOnePercent(tree, seed: 7);
        FileSystemFlush.FlushAll();
        SyncRunResult onePercent = Run(engine, $"1 % changed ({changed:N0} files, {changedBytes / 1e6:F1} MB)");

        Console.WriteLine();
        Console.WriteLine($"| Measurement | Time | Notes |");
        Console.WriteLine($"|---|---|---|");
        Console.WriteLine($"| walk floor (enumerate + stat, .NET) | {Ms(walk)} | {walkFiles:N0} files, {walkBytes / 1e9:F2} GB; fastest next to the no-change runs: {Ms(walk2)} |");
        Console.WriteLine($"| `find -printf '%s %T@'` | {Ms(find)} | for reference |");
        Console.WriteLine($"| hash floor (SHA-256 of all bytes, {Environment.ProcessorCount} workers) | {Ms(hash)} | {walkBytes / hash.TotalSeconds / 1e9:F2} GB/s |");
        Console.WriteLine($"| copy floor (stream-copy every file, {Environment.ProcessorCount} workers) | {Ms(copy)} | |");
        Console.WriteLine($"| atomic-copy floor (temp file + rename into 256 folders, no hash) | {Ms(atomicCopy)} | the write pattern crash safety requires |");
        Console.WriteLine($"| first sync | {Ms(first.Duration)} | sent {first.FilesSent:N0}, hashed {first.Hashed:N0} in the scan (new files are hashed while uploading) |");
        Console.WriteLine($"| no-change re-sync (fastest of 3) | {Ms(noChange.Duration)} | hashed {noChange.Hashed}, published {noChange.Published} |");
        Console.WriteLine($"| 1 % changed re-sync | {Ms(onePercent.Duration)} | hashed {onePercent.Hashed:N0}, sent {onePercent.FilesSent:N0} |");
        Console.WriteLine();
        double floorWalk = Math.Min(walk.TotalMilliseconds, walk2.TotalMilliseconds);
        Console.WriteLine($"no-change / walk floor = {noChange.Duration.TotalMilliseconds / floorWalk:F2}  (goal ≤ 2.00, hashed {noChange.Hashed}, goal 0)");
        Console.WriteLine($"first sync / (1.5 × hash floor + copy floor) = {first.Duration.TotalMilliseconds / (1.5 * hash.TotalMilliseconds + copy.TotalMilliseconds):F2}  (goal ≤ 1.00)");
        Console.WriteLine($"first sync / (hash floor + copy floor) = {first.Duration.TotalMilliseconds / (hash.TotalMilliseconds + copy.TotalMilliseconds):F2}");
        Console.WriteLine($"first sync / (1.5 × hash floor + atomic-copy floor) = {first.Duration.TotalMilliseconds / (1.5 * hash.TotalMilliseconds + atomicCopy.TotalMilliseconds):F2}");
        Console.WriteLine($"1 % changed / walk floor = {onePercent.Duration.TotalMilliseconds / floorWalk:F2}");
        Console.WriteLine($"load average at the end: {Load()}");

        if (!keep)
        {
            Directory.Delete(root, recursive: true);
            Console.WriteLine($"removed {root}");
        }

        return noChange.Hashed == 0 && first.Succeeded && noChange.Succeeded && onePercent.Succeeded ? 0 : 1;
    }

    private static SyncRunResult Run(SyncEngine engine, string label)
    {
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        SyncRunResult r = engine.Run("bench", new SyncRunRequest());
        string gcs = $"gen0/1/2 collections {GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2]}";
        Console.WriteLine($"{label}: {Ms(r.Duration)}, succeeded {r.Succeeded} {r.Failure}, sent {r.FilesSent:N0}, hashed {r.Hashed:N0}, errors {r.Errors.Count}, {gcs}");
        Console.WriteLine("    phases (ms): " + string.Join(", ", r.PhaseMs.Select(kv => $"{kv.Key} {kv.Value:F0}")));
        return r;
    }

    private static TimeSpan CopyFloor(string root, string tree)
    {
        string target = Path.Combine(root, "copy-floor");
        TimeSpan t = Floors.Copy(tree, target);
        Directory.Delete(target, recursive: true);
        return t;
    }

    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:N0} ms";
}

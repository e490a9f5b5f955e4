using System.Diagnostics;
using System.IO.Enumeration;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>`--profile-scan DIR`: where a no-change scan spends its time compared with the bare walk.</summary>
internal static class ScanProfile
{
    public static void Run(string tree)
    {
        if (!Directory.Exists(tree))
        {
            TreeGenerator.Generate(tree, 100_000, 1.0, 42);
        }

        for (int round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            int n = Floors.Walk(tree).Files;
            double walk = sw.Elapsed.TotalMilliseconds;

            sw.Restart();
            int root = tree.Length + 1;
            var e = new FileSystemEnumerable<string>(tree, (ref FileSystemEntry x) => string.Concat(x.Directory[Math.Min(root, x.Directory.Length)..], "/", x.FileName),
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }) { ShouldIncludePredicate = (ref FileSystemEntry x) => !x.IsDirectory };
            var names = e.ToList();
            double strings = sw.Elapsed.TotalMilliseconds;

            sw.Restart();
            foreach (string rel in names)
            {
                NativeStat.TryLStat(Path.Join(tree, rel), out _);
            }

            double lstat = sw.Elapsed.TotalMilliseconds;

            sw.Restart();
            LocalScan scan = LocalScanner.Scan(new SyncCategory("p", tree), new Dictionary<string, StateRow>(), new ScanOptions(), DateTimeOffset.UtcNow);
            double full = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"files {n}: walk {walk:F0} ms, walk+names {strings:F0} ms, lstat-all {lstat:F0} ms, LocalScanner.Scan {full:F0} ms ({scan.Files.Count})");
        }
    }
}

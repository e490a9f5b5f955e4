using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Applying;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>
/// `--profile-first DIR [--files N]`: the first sync alone, six times on one kept tree (cloud and state removed
/// between rounds), with its phases — a quick loop for tuning the first sync without re-measuring every floor.
/// </summary>
internal static class FirstSyncProfile
{
    public static void Run(string work, int files, int rounds = 6)
    {
        string tree = Path.Combine(work, $"tree-{files}");
        if (!Directory.Exists(tree))
        {
            TreeGenerator.Generate(tree, files, 1.0, 42);
        }

        Floors.Hash(tree); // warm the page cache as the full benchmark does
        var best = new SortedDictionary<string, double>(StringComparer.Ordinal);
        double bestTotal = double.MaxValue, bestCpu = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            string cloud = Path.Combine(work, "cloud");
            string state = Path.Combine(work, "state");
            foreach (string dir in new[] { cloud, state })
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }

            Directory.CreateDirectory(cloud);
            FileSystemFlush.FlushAll();
            var engine = BenchEngine.Create(cloud, state, tree);
            TimeSpan cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            SyncRunResult r = engine.Run("bench", new SyncRunRequest());
            cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"first sync {files:N0}: {r.Duration.TotalMilliseconds:N0} ms (CPU {cpu.TotalMilliseconds:N0} ms), sent {r.FilesSent:N0}, errors {r.Errors.Count}, load {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine("    phases (ms): " + string.Join(", ", r.PhaseMs.Select(kv => $"{kv.Key} {kv.Value:F0}")));
            if (round == 0)
            {
                continue; // the first round pays the JIT
            }

            bestTotal = Math.Min(bestTotal, r.Duration.TotalMilliseconds);
            bestCpu = Math.Min(bestCpu, cpu.TotalMilliseconds);
            foreach ((string phase, double ms) in r.PhaseMs)
            {
                best[phase] = best.TryGetValue(phase, out double b) ? Math.Min(b, ms) : ms;
            }
        }

        Console.WriteLine($"best of rounds 2–{rounds}: {bestTotal:N0} ms (CPU {bestCpu:N0} ms); per phase: " + string.Join(", ", best.Select(kv => $"{kv.Key} {kv.Value:F0}")));
    }
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Applying;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>
/// `--profile-receive DIR [--files N]`: a tree published once, then received into an empty folder a few times (the
/// receiver's folder and state removed between rounds), with the CPU time and phases of each — the receiving half
/// alone, for tuning it under a profiler.
/// </summary>
internal static class ReceiveProfile
{
    public static void Run(string work, int files, int rounds = 4)
    {
        string tree = Path.Combine(work, $"tree-{files}");
        if (!Directory.Exists(tree))
        {
            TreeGenerator.Generate(tree, files, 1.0, 42);
        }

        string cloud = Path.Combine(work, "cloud");
        if (!Directory.Exists(cloud))
        {
            Directory.CreateDirectory(cloud);
            SyncRunResult sent = BenchEngine.Create(cloud, Path.Combine(work, "state-a"), tree).Run("bench", new SyncRunRequest());
            Console.WriteLine($"published {sent.FilesSent:N0} in {sent.Duration.TotalMilliseconds:N0} ms");
        }

        for (int round = 0; round < rounds; round++)
        {
            string received = Path.Combine(work, "received");
            string state = Path.Combine(work, "state-b");
            foreach (string dir in new[] { received, state })
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }

            Directory.CreateDirectory(received);
            FileSystemFlush.FlushAll();
            TimeSpan cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            TimeSpan user = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime;
            SyncRunResult r = BenchEngine.Create(cloud, state, received).Run("bench", new SyncRunRequest());
            cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
            user = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime - user;
            Console.WriteLine($"receive {files:N0}: {r.Duration.TotalMilliseconds:N0} ms (CPU {cpu.TotalMilliseconds:N0} ms, user {user.TotalMilliseconds:N0}), received {r.FilesReceived:N0}, errors {r.Errors.Count}, load {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine("    phases (ms): " + string.Join(", ", r.PhaseMs.Select(kv => $"{kv.Key} {kv.Value:F0}")));
        }
    }
}

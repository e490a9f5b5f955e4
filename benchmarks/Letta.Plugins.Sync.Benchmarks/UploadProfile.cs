using System.Diagnostics;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>`--profile-upload DIR`: blob upload and state writes alone, against a plain copy of the same files.</summary>
internal static class UploadProfile
{
    public static void Run(string work)
    {
        string tree = Path.Combine(work, "tree");
        if (!Directory.Exists(tree))
        {
            TreeGenerator.Generate(tree, 20_000, 1.0, 1);
        }

        string[] files = Directory.GetFiles(tree, "*", SearchOption.AllDirectories);
        for (int round = 0; round < 2; round++)
        {
            string copy = Path.Combine(work, "copy" + round);
            var sw = Stopwatch.StartNew();
            Floors.Copy(tree, copy);
            double copyMs = sw.Elapsed.TotalMilliseconds;

            string cloud = Path.Combine(work, "cloud" + round);
            var layout = new CloudLayout(cloud);
            sw.Restart();
            using (var loose = Store(layout))
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f => loose.Upload(f, null, _ => { }, _ => { }));
            }

            double uploadMs = sw.Elapsed.TotalMilliseconds;
            Directory.Delete(cloud, true);
            sw.Restart();
            using (var packed = Store(layout))
            {
                packed.StartPacking(1024 * 1024, 32 * 1024 * 1024, durable: true);
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f => packed.Upload(f, null, _ => { }, _ => { }));
                packed.Flush();
            }

            double packedMs = sw.Elapsed.TotalMilliseconds;

            string stateDir = Path.Combine(work, "state" + round);
            sw.Restart();
            using (StateStore state = StateStore.Open(stateDir))
            using (StateBatch batch = state.BeginBatch("p"))
            {
                int i = 0;
                foreach (string f in files)
                {
                    // Shaped like a first sync's rows: a distinct hash per file, blob and local hash equal to it.
                    string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(f)));
                    batch.Upsert(new StateRow { Path = f, HasBase = true, Sha = sha, Blob = sha, Size = 1, VersionText = "ABCDEFGHIJKLM:1764000000", Author = "ABCDEFGHIJKLM", LocalSha = sha, LocalSize = 1 });
                    if (++i % 2048 == 0) // the executor's group size
                    {
                        batch.Commit();
                    }
                }

                batch.Commit();
            }

            double stateMs = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{files.Length} files: stream copy {copyMs:F0} ms, BlobStore.Upload loose {uploadMs:F0} ms, packed (fsync per pack) {packedMs:F0} ms, state upserts {stateMs:F0} ms");
            Directory.Delete(copy, true);
            Directory.Delete(cloud, true);
            Directory.Delete(stateDir, true);
        }
    }

    private static BlobStore Store(CloudLayout layout)
    {
        var index = new PackIndex(layout);
        return new BlobStore(layout, "PROFILEPROFIL", index, new BlobVerifier(layout, index));
    }
}

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>
/// Generates a tree of mixed file sizes: 60 % ~1 KB, 30 % ~8 KB, 9 % ~40 KB, 1 % ~400 KB (mean ≈ 10.8 KB, so
/// 100,000 files ≈ 1.08 GB), 1,000 files per directory, random (incompressible) content, fixed seed.
/// </summary>
internal static class TreeGenerator
{
    public static long Generate(string root, int files, double scale, int seed)
    {
        var rng = new Random(seed);
        long total = 0;
        byte[] buffer = new byte[1024 * 1024];
        Random.Shared.NextBytes(buffer);
        DateTime old = DateTime.UtcNow.AddHours(-1);
        for (int i = 0; i < files; i++)
        {
            string dir = Path.Combine(root, $"d{i / 1000:D3}", $"s{i % 1000 / 100}");
            if (i % 100 == 0)
            {
                Directory.CreateDirectory(dir);
            }

            double p = rng.NextDouble();
            int size = p < 0.60 ? rng.Next(256, 2048)
                : p < 0.90 ? rng.Next(4096, 12288)
                : p < 0.99 ? rng.Next(16384, 65536)
                : rng.Next(131072, 700000);
            size = Math.Max(1, (int)(size * scale));
            string path = Path.Combine(dir, $"f{i:D6}.bin");
            int offset = rng.Next(0, buffer.Length - size);
            using (var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                // A unique 8-byte prefix keeps every file's content (and hash) distinct.
                f.Write(BitConverter.GetBytes((long)i));
                f.Write(buffer, offset, size - Math.Min(size, 8) > 0 ? size - 8 : 0);
            }

            File.SetLastWriteTimeUtc(path, old);
            total += Math.Max(size, 8);
        }

        return total;
    }

    /// <summary>Rewrites every 100th file with new content of the same size (1 % changed).</summary>
    public static (int Files, long Bytes) ChangeOnePercent(string root, int seed)
    {
        var rng = new Random(seed);
        int n = 0;
        long bytes = 0;
        DateTime when = DateTime.UtcNow.AddMinutes(-10);
        foreach (string path in Directory.EnumerateFiles(root, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % 100 == 7))
        {
            byte[] data = File.ReadAllBytes(path);
            rng.NextBytes(data);
            File.WriteAllBytes(path, data);
            File.SetLastWriteTimeUtc(path, when);
            n++;
            bytes += data.Length;
        }

        return (n, bytes);
    }
}

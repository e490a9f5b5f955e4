using System.Buffers;
using System.Diagnostics;
using System.IO.Enumeration;
using System.Security.Cryptography;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>The physical floors the sync runs are compared with, measured on the same tree in the same run.</summary>
internal static class Floors
{
    /// <summary><c>find</c>-style: enumerate every file and stat it (length and mtime).</summary>
    public static (TimeSpan Time, int Files, long Bytes) Walk(string root)
    {
        var sw = Stopwatch.StartNew();
        int files = 0;
        long bytes = 0;
        var e = new FileSystemEnumerable<(long Length, DateTime Mtime)>(root, (ref FileSystemEntry x) => (x.Length, x.LastWriteTimeUtc.UtcDateTime),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry x) => !x.IsDirectory,
        };
        foreach ((long length, DateTime _) in e)
        {
            files++;
            bytes += length;
        }

        return (sw.Elapsed, files, bytes);
    }

    /// <summary>The same walk by the system's <c>find -printf</c>, for reference.</summary>
    public static TimeSpan FindCommand(string root)
    {
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(new ProcessStartInfo("find", [root, "-type", "f", "-printf", "%s %T@\n"]) { RedirectStandardOutput = true })!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return sw.Elapsed;
    }

    /// <summary>SHA-256 of every byte alone, one worker per core.</summary>
    public static TimeSpan Hash(string root)
    {
        string[] files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            using var handle = File.OpenHandle(f, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buf = ArrayPool<byte>.Shared.Rent(256 * 1024);
            long off = 0;
            int n;
            while ((n = RandomAccess.Read(handle, buf.AsSpan(0, 256 * 1024), off)) > 0)
            {
                h.AppendData(buf, 0, n);
                off += n;
            }

            ArrayPool<byte>.Shared.Return(buf);
            h.GetCurrentHash();
        });
        return sw.Elapsed;
    }

    /// <summary>
    /// Copying every file the way an atomic writer must: a temp file in one folder, then a rename into 256 shard
    /// folders (the blob store's metadata pattern), one worker per core, no hashing.
    /// </summary>
    public static TimeSpan AtomicCopy(string root, string target)
    {
        string[] files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Directory.CreateDirectory(Path.Combine(target, "tmp"));
        for (int d = 0; d < 256; d++)
        {
            Directory.CreateDirectory(Path.Combine(target, d.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        int counter = 0;
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            int n = Interlocked.Increment(ref counter);
            string tmp = Path.Combine(target, "tmp", Guid.NewGuid().ToString("N") + ".tmp");
            using (var src = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            using (var dst = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                src.CopyTo(dst, 256 * 1024);
            }

            File.Move(tmp, Path.Combine(target, (n % 256).ToString("x2", System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture)), overwrite: true);
        });
        return sw.Elapsed;
    }

    /// <summary>Copying every file once (the "plus copying" term), one worker per core.</summary>
    public static TimeSpan Copy(string root, string target)
    {
        string[] files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        foreach (string d in Directory.GetDirectories(root, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(root, d)));
        }

        var sw = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            // A stream copy (read + write), as the sync's upload does, not a kernel reflink.
            using var src = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var dst = new FileStream(Path.Combine(target, Path.GetRelativePath(root, f)), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            src.CopyTo(dst, 256 * 1024);
        });
        return sw.Elapsed;
    }

    /// <summary>Whether two trees hold the same relative paths with the same bytes (SHA-256 of each file).</summary>
    public static bool SameTrees(string left, string right)
    {
        static Dictionary<string, string> Hashes(string root) =>
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith(".letta-sync-root", StringComparison.Ordinal))
                .AsParallel()
                .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

        Dictionary<string, string> a = Hashes(left), b = Hashes(right);
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out string? h) && h == kv.Value);
    }
}

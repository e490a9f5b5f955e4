using System.Security.Cryptography;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Tests.Support;
using Xunit.Abstractions;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>
/// A file larger than 4 GiB (§12 #32): hashed and copied as a stream, so memory stays constant, and transferred
/// intact past the 32-bit boundary. Sparse on the sending side; the cloud blob and the received copy are written in
/// full (8 GiB, in tmpfs when it has room — see <see cref="MemoryBackedTemp"/> — and removed in Dispose).
/// </summary>
[Collection(nameof(LargeFileRunsAlone))]
public sealed class LargeFileScenarioTests : IDisposable
{
    private const long FourGiB = 4L * 1024 * 1024 * 1024;
    private const long Size = FourGiB + 3;

    // The start, both sides of the 4 GiB boundary (where 32-bit offsets or sizes would wrap) and the last byte.
    private static readonly long[] Marks = [0, FourGiB - 1, FourGiB, Size - 1];

    private readonly SyncWorld _world = new(parent: MemoryBackedTemp());
    private readonly ITestOutputHelper _output;

    public LargeFileScenarioTests(ITestOutputHelper output)
    {
        _output = output;
        RemoveStaleWorlds();
    }

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Sync_FileLargerThan4GiB_StreamedWithConstantMemoryAndTransferredIntact()
    {
        SimulatedDevice a = _world.AddDevice("a"), b = _world.AddDevice("b");
        a.Write("keep.md", "keep");
        WriteSparse(a.Path_("big.bin"));

        using var heap = new PeakHeapSampler();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SyncRunResult sent = a.SyncOk();
        SyncRunResult got = b.SyncOk();
        _output.WriteLine($"sync {watch.ElapsedMilliseconds} ms; A: {string.Join(", ", sent.PhaseMs.Select(kv => $"{kv.Key}={kv.Value}"))}; B: {string.Join(", ", got.PhaseMs.Select(kv => $"{kv.Key}={kv.Value}"))}");
        sent.FilesSent.ShouldBe(2);
        got.FilesReceived.ShouldBe(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long peak = heap.Stop();
        _output.WriteLine($"allocated {allocated / 1024 / 1024} MB, peak heap growth {peak / 1024 / 1024} MB");

        string received = b.Path_("big.bin");
        new FileInfo(received).Length.ShouldBe(Size);
        using (FileStream f = File.OpenRead(received))
        {
            foreach (long mark in Marks)
            {
                f.Position = mark;
                f.ReadByte().ShouldBe(Mark(mark), $"byte at {mark}");
            }
        }

        watch.Restart();
        string[] hashes = await Task.WhenAll(Task.Run(() => Sha256(a.Path_("big.bin"))), Task.Run(() => Sha256(received)));
        hashes[1].ShouldBe(hashes[0]);
        _output.WriteLine($"verify {watch.ElapsedMilliseconds} ms");

        // Constant memory: neither what the run allocated nor the heap's peak grows with the 4 GiB content.
        allocated.ShouldBeLessThan(64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
        peak.ShouldBeLessThan(100L * 1024 * 1024, $"peak heap growth {peak / 1024 / 1024} MB");
    }

    private static void WriteSparse(string path)
    {
        using (var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            f.SetLength(Size); // a hole: no disk blocks until written
            foreach (long mark in Marks)
            {
                f.Position = mark;
                f.WriteByte((byte)Mark(mark));
            }
        }

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
    }

    /// <summary>
    /// tmpfs when it has room: the run writes 8 GiB (the cloud blob, then the received copy), which on this disk is
    /// throttled to the write-back speed (~1 min); in memory it takes a few seconds. Else the ordinary temp directory.
    /// </summary>
    private static string? MemoryBackedTemp()
    {
        const string shm = "/dev/shm";
        try
        {
            return OperatingSystem.IsLinux() && Directory.Exists(shm) && new DriveInfo(shm).AvailableFreeSpace > 2 * Size + FourGiB ? shm : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A run killed before Dispose would leave 8 GiB in memory-backed tmpfs: worlds older than a day are removed.</summary>
    private static void RemoveStaleWorlds()
    {
        string worlds = Path.Combine(MemoryBackedTemp() ?? Path.GetTempPath(), "letta-sync-tests");
        if (!Directory.Exists(worlds))
        {
            return;
        }

        foreach (DirectoryInfo stale in new DirectoryInfo(worlds).EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            try
            {
                stale.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int Mark(long offset) => (int)(offset % 251) + 1; // non-zero, different at each mark

    private static string Sha256(string path)
    {
        using FileStream f = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}

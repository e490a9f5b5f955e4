using System.Runtime.InteropServices;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// One <c>sync(2)</c> before a manifest is published makes every blob uploaded in the run durable at once, instead
/// of an fsync per blob (100k fsyncs would dominate a first sync). On Linux a sealed pack's writeback is started
/// at once (<c>sync_file_range</c>, which does not wait), so the disk writes while the run hashes the next pack and
/// the final <c>sync(2)</c> has little left to wait for.
/// </summary>
internal static partial class FileSystemFlush
{
    public static void FlushAll()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            Sync();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without libc's sync the per-file flushes of the manifest still apply.
        }
    }

    /// <summary>
    /// Makes a group of files just written durable at once: on Linux one <c>sync(2)</c>, which also makes renames
    /// durable (it waits for the writeback); elsewhere an fsync per file (macOS's <c>sync</c> does not wait).
    /// </summary>
    public static void FlushGroup(IReadOnlyCollection<string> files, int parallelism)
    {
        if (files.Count == 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            FlushAll();
            return;
        }

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, file =>
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                // renamed or removed meanwhile: nothing of it is left to make durable
            }
        });
    }

    /// <summary>Starts writing the file's dirty pages back without waiting; a no-op where that is not available.</summary>
    public static void StartWriteback(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = SyncFileRange((int)handle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // only a head start for the final sync(2); nothing is lost without it
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private const uint SyncFileRangeWrite = 2;

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int fd, long offset, long nbytes, uint flags);

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void Sync();
}

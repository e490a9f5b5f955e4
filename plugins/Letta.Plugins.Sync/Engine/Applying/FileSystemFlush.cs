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

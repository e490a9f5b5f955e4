using System.Runtime.InteropServices;

namespace Letta.Plugins.Sync.Engine;

/// <summary>
/// One <c>sync(2)</c> before a manifest is published makes every blob uploaded in the run durable at once, instead
/// of an fsync per blob (100k fsyncs would dominate a first sync).
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

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void Sync();
}

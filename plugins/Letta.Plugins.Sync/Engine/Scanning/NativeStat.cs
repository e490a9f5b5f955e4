using Letta.Plugins.Shared;
using System.Runtime.InteropServices;

namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>
/// <c>lstat</c> through the runtime's own native shim (<c>SystemNative_LStat</c>), which gives nanosecond mtimes,
/// the inode number and <c>st_flags</c> (for iCloud's <c>SF_DATALESS</c>) in one platform-neutral struct.
/// The struct is runtime-internal, so it is checked once against <see cref="FileInfo"/>; on any mismatch or load
/// failure the scanner falls back to managed metadata (file id 0, no dataless detection).
/// </summary>
internal static partial class NativeStat
{
    private const uint SfDataless = 0x40000000;
    private const int SIfMt = 0xF000;
    private const int SIfLnk = 0xA000;

    private static readonly Lazy<bool> s_available = new(Probe);

    public static bool IsAvailable => s_available.Value;

    public static bool TryLStat(string path, out FileStat stat)
    {
        if (s_available.Value && SystemNativeLStat(path, out FileStatus status) == 0)
        {
            stat = new FileStat(status.Size, (status.MTime * 1_000_000_000L) + status.MTimeNsec, status.Ino, (status.UserFlags & SfDataless) != 0, (status.Mode & SIfMt) == SIfLnk);
            return true;
        }

        stat = default;
        return false;
    }

    /// <summary>Managed fallback: size and mtime only (100 ns resolution).</summary>
    public static FileStat FromInfo(FileInfo info) =>
        new(info.Length, (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100, 0, false, info.LinkTarget is not null);

    public static FileStat Stat(string path)
    {
        if (TryLStat(path, out FileStat stat))
        {
            return stat;
        }

        var info = new FileInfo(path);
        return info.Exists ? FromInfo(info) : new FileStat(-1, 0, 0, false);
    }

    private static bool Probe()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        string probe = Path.Combine(Path.GetTempPath(), $"letta-sync-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            PrivateFiles.WriteAllBytes(probe, new byte[1234]);
            var info = new FileInfo(probe);
            if (SystemNativeLStat(probe, out FileStatus status) != 0)
            {
                return false;
            }

            long managedNs = (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            long nativeNs = (status.MTime * 1_000_000_000L) + status.MTimeNsec;
            return status.Size == 1234 && Math.Abs(nativeNs - managedNs) < 1_000 && status.Ino != 0;
        }
#pragma warning disable CA1031 // any failure here only means "use the managed fallback"
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (IOException)
            {
            }
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SystemNativeLStat(string path, out FileStatus output);

    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime;
        public long ATimeNsec;
        public long MTime;
        public long MTimeNsec;
        public long CTime;
        public long CTimeNsec;
        public long BirthTime;
        public long BirthTimeNsec;
        public long Dev;
        public long RDev;
        public long Ino;
        public uint UserFlags;
    }
}

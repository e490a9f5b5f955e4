using Letta.Plugins.Shared;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// <c>versions/&lt;category&gt;/…</c> in the state directory: overwritten and deleted files are kept here, never
/// unlinked, as <c>name~YYYYMMDD-HHMMSS-fffffff.ext</c>, and pruned after the retention period.
/// </summary>
/// <remarks>Every file kept is also listed in <see cref="Kept"/> (the run result's list), so nothing a user wrote
/// leaves a working tree without the run saying so.</remarks>
internal sealed partial class VersionsFolder(string stateDirectory, string category, TimeProvider clock, List<VersionedFile>? kept = null)
{
    private readonly Lock _lock = new();

    public string Root { get; } = Path.Combine(stateDirectory, "versions", category);

    /// <summary>What this instance kept, in order (the run result's list when one was given).</summary>
    public List<VersionedFile> Kept { get; } = kept ?? [];

    /// <summary>Keeps a copy of a file about to be overwritten (a hard link where possible, else a copy).</summary>
    public string Preserve(string fullPath, string key, string reason = "replaced")
    {
        string target = NewPath(key);
        if (OperatingSystem.IsWindows() || !TryLink(fullPath, target))
        {
            PrivateFiles.Copy(fullPath, target);
        }

        Record(key, target, reason);
        return target;
    }

    /// <summary>Moves a deleted file (or a replaced unit directory) here.</summary>
    public string MoveIn(string fullPath, string key, string reason)
    {
        string target = NewPath(key);
        if (Directory.Exists(fullPath))
        {
            Directory.Move(fullPath, target);
        }
        else
        {
            File.Move(fullPath, target);
        }

        Record(key, target, reason);
        return target;
    }

    private void Record(string key, string target, string reason)
    {
        lock (_lock)
        {
            Kept.Add(new VersionedFile(key, target, reason));
        }
    }

    /// <summary>Deletes versions older than <paramref name="retention"/> (by the time they were kept).</summary>
    public int Prune(TimeSpan retention)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        DateTime cutoff = clock.GetUtcNow().UtcDateTime - retention;
        int pruned = 0;
        foreach (string path in Directory.EnumerateFileSystemEntries(Root, "*~*", SearchOption.AllDirectories).ToList())
        {
            if (ParseKeptAt(Path.GetFileName(path)) is { } stamp && stamp < cutoff)
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else if (File.Exists(path))
                {
                    File.Delete(path);
                }

                pruned++;
            }

        }

        return pruned;
    }

    private string NewPath(string key)
    {
        int slash = key.LastIndexOf('/');
        string dir = slash >= 0 ? key[..slash] : "";
        string file = key[(slash + 1)..];
        int dot = file.LastIndexOf('.');
        string stem = dot > 0 ? file[..dot] : file;
        string ext = dot > 0 ? file[dot..] : "";
        string stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss-fffffff", CultureInfo.InvariantCulture);
        // "~" + stamp + a "-N" for a second version in the same tick: the stem gives way to stay within 255 bytes.
        stem = SyncPaths.Truncate(stem, SyncPaths.MaxNameBytes - 1 - stamp.Length - 4 - System.Text.Encoding.UTF8.GetByteCount(ext));
        string folder = dir.Length == 0 ? Root : SyncPaths.ToFull(Root, dir);
        PrivateFiles.CreateDirectory(folder);
        string candidate = Path.Combine(folder, $"{stem}~{stamp}{ext}");
        for (int i = 2; File.Exists(candidate) || Directory.Exists(candidate); i++)
        {
            candidate = Path.Combine(folder, $"{stem}~{stamp}-{i}{ext}");
        }

        return candidate;
    }

    private static DateTime? ParseKeptAt(string name)
    {
        int tilde = name.LastIndexOf('~');
        if (tilde < 0 || name.Length < tilde + 24)
        {
            return null;
        }

        return DateTime.TryParseExact(name.AsSpan(tilde + 1, 23), "yyyyMMdd-HHmmss-fffffff", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime at) ? at : null;
    }

    private static bool TryLink(string existing, string newPath)
    {
        try
        {
            return Link(existing, newPath) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newPath);
}

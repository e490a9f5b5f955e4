using System.Globalization;
using System.Text;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// <c>name.sync-conflict-YYYYMMDD-HHMMSS-DEV7-HASH8.ext</c> (Syncthing's pattern, plus the first 8 hex digits of the
/// content's SHA-256). The time is the loser's modification time in UTC, DEV7 the loser's author and HASH8 its content,
/// so every device that resolves the same conflict derives the same name from the loser alone — and two different
/// losers never share one, even when the same device wrote both within a second. A name that would pass the file
/// system's 255-byte limit keeps its extension and a shortened stem, cut the same way on every device.
/// </summary>
internal static class ConflictNames
{
    // ".sync-conflict-" + "YYYYMMDD-HHMMSS" + "-" + DEV7 + "-" + HASH8
    private const int SuffixBytes = 15 + 15 + 1 + 7 + 9;

    /// <param name="path">The path in conflict.</param>
    /// <param name="loserMtimeNs">The losing version's modification time.</param>
    /// <param name="loserAuthor">The losing version's author (short device id).</param>
    /// <param name="loserSha">Its content hash; null for an item moved aside that is not a synced version (a type conflict).</param>
    public static string For(string path, long loserMtimeNs, string? loserAuthor, string? loserSha)
    {
        (string dir, string stem, string ext) = Split(path);
        DateTime when = DateTime.UnixEpoch.AddTicks(loserMtimeNs / 100);
        string dev = (loserAuthor ?? "UNKNOWN")[..Math.Min(7, (loserAuthor ?? "UNKNOWN").Length)];
        string content = loserSha is { Length: >= 8 } ? "-" + loserSha[..8] : "";
        return $"{dir}{stem}{SyncPaths.ConflictInfix}{when.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{dev}{content}{ext}";
    }

    /// <summary>The original's path as its conflict copies spell it (the stem shortened when the name is long).</summary>
    public static string CopyOriginal(string path)
    {
        (string dir, string stem, string ext) = Split(path);
        return dir + stem + ext;
    }

    /// <summary>Directory, stem cut to fit the conflict suffix within 255 bytes, and extension (dropped into the stem when absurdly long).</summary>
    private static (string Dir, string Stem, string Ext) Split(string path)
    {
        int slash = path.LastIndexOf('/');
        string dir = path[..(slash + 1)];
        string file = path[(slash + 1)..];
        int dot = file.LastIndexOf('.');
        string stem = dot > 0 ? file[..dot] : file;
        string ext = dot > 0 ? file[dot..] : "";
        if (Encoding.UTF8.GetByteCount(ext) > 64)
        {
            (stem, ext) = (file, "");
        }

        int room = SyncPaths.MaxNameBytes - SuffixBytes - Encoding.UTF8.GetByteCount(ext);
        return (dir, SyncPaths.Truncate(stem, room), ext);
    }
}

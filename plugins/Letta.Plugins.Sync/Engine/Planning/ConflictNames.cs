using System.Globalization;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// <c>name.sync-conflict-YYYYMMDD-HHMMSS-DEV7.ext</c>. The time is the loser's modification time in UTC and DEV7
/// the loser's author, so every device that resolves the same conflict derives the same name.
/// </summary>
internal static class ConflictNames
{
    public static string For(string path, long loserMtimeNs, string? loserAuthor)
    {
        int slash = path.LastIndexOf('/');
        string dir = slash >= 0 ? path[..(slash + 1)] : "";
        string file = path[(slash + 1)..];
        int dot = file.LastIndexOf('.');
        string stem = dot > 0 ? file[..dot] : file;
        string ext = dot > 0 ? file[dot..] : "";
        DateTime when = DateTime.UnixEpoch.AddTicks(loserMtimeNs / 100);
        string dev = (loserAuthor ?? "UNKNOWN")[..Math.Min(7, (loserAuthor ?? "UNKNOWN").Length)];
        return $"{dir}{stem}{SyncPaths.ConflictInfix}{when.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{dev}{ext}";
    }
}

using System.Text.RegularExpressions;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>
/// The per-file cap on conflict copies (§12 #40). Which copies go is decided from the names alone — oldest timestamp
/// first, then ordinal name — so every device that holds the same copies prunes the same ones, and devices that
/// prune concurrently publish concurrent tombstones for the same paths, which converge silently.
/// </summary>
internal static partial class ConflictCopyCap
{
    /// <summary>Splits <c>stem.sync-conflict-YYYYMMDD-HHMMSS-DEV.ext</c> into the original path and the sortable stamp.</summary>
    public static bool TryParse(string relative, out string original, out string stamp)
    {
        original = stamp = "";
        int slash = relative.LastIndexOf('/');
        string name = relative[(slash + 1)..];
        int at = name.IndexOf(SyncPaths.ConflictInfix, StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        Match m = Suffix().Match(name[(at + SyncPaths.ConflictInfix.Length)..]);
        if (!m.Success)
        {
            return false;
        }

        original = relative[..(slash + 1)] + name[..at] + m.Groups["ext"].Value;
        stamp = m.Groups["stamp"].Value;
        return true;
    }

    /// <summary>
    /// The copies of <paramref name="originalKey"/> present under <paramref name="root"/> beyond <paramref name="cap"/>,
    /// oldest first (relative paths).
    /// </summary>
    public static List<string> Excess(string root, string originalKey, int cap)
    {
        string dirFull = Path.GetDirectoryName(SyncPaths.ToFull(root, originalKey))!;
        if (!Directory.Exists(dirFull))
        {
            return [];
        }

        int slash = originalKey.LastIndexOf('/');
        string prefix = originalKey[..(slash + 1)];
        var copies = new List<(string Stamp, string Key)>();
        foreach (string full in Directory.EnumerateFileSystemEntries(dirFull, "*" + SyncPaths.ConflictInfix + "*"))
        {
            string key = prefix + Path.GetFileName(full);
            if (TryParse(key, out string original, out string stamp) && original == ConflictNames.CopyOriginal(originalKey))
            {
                copies.Add((stamp, key));
            }
        }

        if (copies.Count <= cap)
        {
            return [];
        }

        copies.Sort((x, y) => string.CompareOrdinal(x.Stamp, y.Stamp) is var c && c != 0 ? c : string.CompareOrdinal(x.Key, y.Key));
        return copies.Take(copies.Count - cap).Select(c => c.Key).ToList();
    }

    // The stamp is the loser's UTC mtime; DEV is an author id (never contains a dot); the rest is the extension.
    [GeneratedRegex(@"^(?<stamp>\d{8}-\d{6})-[^./]+(?<ext>\..*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}

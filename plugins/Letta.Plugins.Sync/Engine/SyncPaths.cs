using System.Text;

namespace Letta.Plugins.Sync.Engine;

/// <summary>Canonical relative paths: NFC, "/"-separated, no rooted or "..", never escaping the category root.</summary>
internal static class SyncPaths
{
    /// <summary>Suffix of local temp files; always ignored by the scanner and removed on the next run.</summary>
    public const string LocalTempSuffix = ".synctmp";

    /// <summary>The marker file written into each category root once it has synced (never synced itself).</summary>
    public const string LocalMarkerName = ".letta-sync-root";

    /// <summary>Infix of conflict copies, Syncthing's pattern so existing tools recognise them.</summary>
    public const string ConflictInfix = ".sync-conflict-";

    /// <summary>Returns the canonical NFC form, or <see langword="null"/> when the path is unsafe (§12 #31).</summary>
    public static string? Canonicalize(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0') || path.Contains('\\'))
        {
            return null;
        }

        if (path[0] == '/' || (path.Length > 1 && path[1] == ':'))
        {
            return null;
        }

        string nfc = IsAscii(path) || path.IsNormalized(NormalizationForm.FormC) ? path : path.Normalize(NormalizationForm.FormC);
        int start = 0;
        for (int i = 0; i <= nfc.Length; i++)
        {
            if (i == nfc.Length || nfc[i] == '/')
            {
                int length = i - start;
                if (length == 0 || (length == 1 && nfc[start] == '.') || (length == 2 && nfc[start] == '.' && nfc[start + 1] == '.'))
                {
                    return null;
                }

                start = i + 1;
            }
        }

        return nfc;
    }

    private static bool IsAscii(string s) => System.Text.Ascii.IsValid(s);

    /// <summary>The longest file name (in UTF-8 bytes) that Linux, macOS and Windows file systems all accept.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// A local temp name for <paramref name="fileName"/>: <c>.&lt;name&gt;.&lt;random&gt;.synctmp</c>, the name cut
    /// (at a character boundary) so the whole stays within <see cref="MaxNameBytes"/> however long the original is.
    /// </summary>
    public static string TempName(string fileName)
    {
        string random = Guid.NewGuid().ToString("N")[..16];
        int room = MaxNameBytes - 1 - 1 - random.Length - LocalTempSuffix.Length;
        return $".{Truncate(fileName, room)}.{random}{LocalTempSuffix}";
    }

    /// <summary><paramref name="text"/> cut to at most <paramref name="maxBytes"/> UTF-8 bytes, never inside a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        int bytes = 0;
        var runes = new StringBuilder();
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            runes.Append(rune.ToString());
        }

        return runes.ToString();
    }

    /// <summary>Joins a category root and a canonical relative path.</summary>
    public static string ToFull(string root, string relative) =>
        Path.Join(root, Path.DirectorySeparatorChar == '/' ? relative : relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Whether a relative path names a conflict copy.</summary>
    public static bool IsConflictCopy(string relative) =>
        Path.GetFileName(relative).Contains(ConflictInfix, StringComparison.Ordinal);

    /// <summary>The key used to detect clashes on a case-insensitive volume.</summary>
    public static string FoldKey(string relative, bool caseInsensitive) =>
        caseInsensitive ? relative.ToUpperInvariant() : relative;
}

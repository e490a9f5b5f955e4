using System.Text.RegularExpressions;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>
/// Finds the copies cloud clients make when two devices write one file at once: iCloud's <c>tasks 2.json</c>,
/// <c>tasks (1).json</c>, Dropbox's <c>tasks (Mac's conflicted copy 2026-01-01).json</c>, Syncthing's
/// <c>tasks.sync-conflict-20260101-120000-ABCDEFG.json</c>, and <c>tasks-conflict….json</c>.
/// </summary>
internal static partial class ConflictCopies
{
    public static IReadOnlyList<string> Find(string folder, string fileName)
    {
        string stem = Path.GetFileNameWithoutExtension(fileName);
        var found = new List<string>();
        if (!Directory.Exists(folder))
        {
            return found;
        }

        foreach (string path in Directory.EnumerateFiles(folder, stem + "*.json"))
        {
            string name = Path.GetFileName(path);
            if (name.Length > stem.Length + 5 && name.StartsWith(stem, StringComparison.Ordinal)
                && Suffix().IsMatch(name.AsSpan(stem.Length, name.Length - stem.Length - 5)))
            {
                found.Add(path);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    // What may follow the stem before ".json": " 2", " (1)", " (anything conflicted…)", ".sync-conflict-…", "-conflict…", "_conflict…".
    [GeneratedRegex(@"^(?: \d{1,4}| \(\d{1,4}\)| \([^)]*conflict[^)]*\)|\.sync-conflict-[^/\\]*|[-_ ]conflict[^/\\]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}

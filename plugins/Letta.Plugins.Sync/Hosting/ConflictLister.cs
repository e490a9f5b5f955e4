using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>Finds the conflict copies (<c>*.sync-conflict-*</c>) present in the local category folders.</summary>
internal static class ConflictLister
{
    public static IReadOnlyList<object> List(SyncEngineOptions options, string? onlyCategory)
    {
        var found = new List<object>();
        foreach (SyncCategory category in options.Categories.Values.Where(c => onlyCategory is null || c.Name == onlyCategory))
        {
            if (!Directory.Exists(category.LocalPath))
            {
                continue;
            }

            var rules = new IgnoreRules(category.Include, category.Exclude);
            foreach (string full in Directory.EnumerateFileSystemEntries(category.LocalPath, "*" + SyncPaths.ConflictInfix + "*",
                new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                string rel = Path.GetRelativePath(category.LocalPath, full).Replace(Path.DirectorySeparatorChar, '/');
                if (!rules.IsPathIncluded(rel))
                {
                    continue;
                }

                string name = Path.GetFileName(rel);
                int at = name.IndexOf(SyncPaths.ConflictInfix, StringComparison.Ordinal);
                string suffix = name[(at + SyncPaths.ConflictInfix.Length)..];
                int dot = suffix.IndexOf('.');
                string original = name[..at] + (dot >= 0 ? suffix[dot..] : "");
                string dir = rel.Length > name.Length ? rel[..^name.Length] : "";
                found.Add(new
                {
                    category = category.Name,
                    conflictPath = rel,
                    path = dir + original,
                    device = (dot >= 0 ? suffix[..dot] : suffix).Split('-').LastOrDefault(),
                    modified = File.GetLastWriteTimeUtc(full),
                });
            }
        }

        return found;
    }
}

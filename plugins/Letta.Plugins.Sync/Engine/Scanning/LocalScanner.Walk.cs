using System.IO.Enumeration;
using System.Text.RegularExpressions;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine.Scanning;

internal static partial class LocalScanner
{
    // Enough subtrees to keep every core busy when their sizes differ.
    private const int MinimumParts = 16;

    /// <summary>
    /// Splits the tree into parts: the files of the top directories (down to the level that has enough subdirectories)
    /// and, recursively, each subdirectory of that level.
    /// </summary>
    private static List<WalkPart> WalkParts(string root, IgnoreRules rules)
    {
        var parts = new List<WalkPart>();
        if (!Directory.Exists(root))
        {
            return parts;
        }

        List<string> frontier = [root];
        for (int depth = 0; depth < 3 && frontier.Count > 0 && frontier.Count < MinimumParts; depth++)
        {
            var next = new List<string>();
            foreach (string dir in frontier)
            {
                parts.Add(new WalkPart(dir, recursive: false));
                next.AddRange(Subdirectories(root, dir, rules));
            }

            frontier = next;
        }

        parts.AddRange(frontier.Select(d => new WalkPart(d, recursive: true)));
        return parts;
    }

    private static FileSystemEnumerable<string> Subdirectories(string root, string dir, IgnoreRules rules)
    {
        int rootLength = root.Length + 1;
        return new FileSystemEnumerable<string>(dir, (ref FileSystemEntry e) => e.ToFullPath(),
            new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => e.IsDirectory && ShouldEnter(ref e, rootLength, rules),
        };
    }

    private static bool ShouldEnter(ref FileSystemEntry e, int rootLength, IgnoreRules rules) =>
        (e.Attributes & FileAttributes.ReparsePoint) == 0 && !e.FileName.EndsWith(SyncPaths.LocalTempSuffix)
        && rules.ShouldEnterDirectory(Relative(ref e, rootLength), e.FileName.ToString());

    /// <summary>Files under <paramref name="start"/> (a directory inside <paramref name="root"/>), paths relative to the root.</summary>
    private static IEnumerable<Found> Enumerate(string root, string start, bool recursive, IgnoreRules rules, List<string> leftovers, bool directories)
    {
        int rootLength = root.Length + 1;
        var enumerable = new FileSystemEnumerable<Found>(start, (ref FileSystemEntry e) =>
        {
            string rel = Relative(ref e, rootLength);
            // Attributes is read for directories only: on Unix it costs a second stat, and files are told by our own lstat.
            return new Found(rel, e.FileName.ToString(), e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) != 0, e.IsDirectory);
        }, new EnumerationOptions { RecurseSubdirectories = recursive, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) => ShouldEnter(ref e, rootLength, rules),
            // Directories too: links to report, leftover temps to remove, and the ones synced (so empty ones exist everywhere).
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory || e.FileName.EndsWith(SyncPaths.LocalTempSuffix)
                || (e.Attributes & FileAttributes.ReparsePoint) != 0 || (directories && ShouldEnter(ref e, rootLength, rules)),
        };

        foreach (Found found in enumerable)
        {
            if (found.Name.EndsWith(SyncPaths.LocalTempSuffix, StringComparison.Ordinal))
            {
                leftovers.Add(SyncPaths.ToFull(root, found.Relative));
                continue;
            }

            yield return found;
        }
    }

    /// <summary>
    /// An evicted-file placeholder has a stub's shape: a small binary property list. A real file that merely has a
    /// <c>.name.icloud</c> name is a file like any other and is synced.
    /// </summary>
    private static bool LooksLikeStub(string full)
    {
        try
        {
            using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (RandomAccess.GetLength(handle) > 4096)
            {
                return false;
            }

            Span<byte> head = stackalloc byte[8];
            return RandomAccess.Read(handle, head, 0) == 8 && head.SequenceEqual("bplist00"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private readonly record struct Walked(string Key, string Fold, string Disk, FileStat Stat);

    /// <summary>One part of the tree, walked and compared by one task; everything it finds stays in its own lists.</summary>
    private sealed class WalkPart(string directory, bool recursive)
    {
        public List<Walked> Files { get; } = [];

        public List<string> Leftovers { get; } = [];

        public List<ScanIssue> Issues { get; } = [];

        public List<(string Key, string Disk)> Stubs { get; } = [];

        /// <summary>Directories found (canonical key, disk path); the scan keeps the empty ones and those synced before.</summary>
        public List<(string Key, string Disk)> Directories { get; } = [];

        /// <summary>Symbolic links to directories (canonical keys): never followed.</summary>
        public List<string> LinkedDirectories { get; } = [];

        /// <summary>Symbolic links to files (canonical key, disk path): never followed.</summary>
        public List<(string Key, string Disk)> Links { get; } = [];

        /// <summary>Per entry of <see cref="Files"/>: the scanned file, or null when it lost a name clash.</summary>
        public LocalFile?[] Results { get; private set; } = [];

        public void Walk(string root, IgnoreRules rules, SyncCategory category, bool caseInsensitive)
        {
            bool directories = category.Kind == SyncCategoryKind.Files;
            foreach (Found found in Enumerate(root, directory, recursive, rules, Leftovers, directories))
            {
                string name = found.Name;
                if (found.IsDirectory && !found.IsSymlink)
                {
                    if (SyncPaths.Canonicalize(found.Relative) is string dirKey)
                    {
                        Directories.Add((dirKey, found.Relative));
                    }

                    continue;
                }

                Match stub = name.Length > 7 && name[0] == '.' && name.EndsWith(".icloud", StringComparison.Ordinal) ? IcloudStub().Match(name) : Match.Empty;
                if (stub.Success && !found.IsDirectory && LooksLikeStub(SyncPaths.ToFull(root, found.Relative)))
                {
                    string dir = found.Relative.Length > name.Length ? found.Relative[..^(name.Length + 1)] + "/" : "";
                    Stubs.Add((dir + stub.Groups[1].Value, found.Relative));
                    continue;
                }

                if (!rules.IsFileIncluded(found.Relative, name)
                    || (category.Kind == SyncCategoryKind.Sqlite && !s_dbExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))))
                {
                    continue;
                }

                string? key = SyncPaths.Canonicalize(found.Relative);
                if (key is null)
                {
                    Issues.Add(new ScanIssue(found.Relative, "invalid-name", "The name cannot be synced."));
                    continue;
                }

                string full = SyncPaths.ToFull(root, found.Relative);
                FileStat stat = NativeStat.Stat(full);
                if (stat.Size < 0)
                {
                    continue; // vanished while walking
                }

                if (found.IsDirectory)
                {
                    // Never followed; a synced folder replaced by a link is stopped on by the engine, not read as deleted.
                    LinkedDirectories.Add(key);
                    Issues.Add(new ScanIssue(found.Relative, "symlink", "Symbolic links are not followed or synced."));
                    continue;
                }

                if (stat.IsSymlink)
                {
                    // Listed as unavailable: a synced file replaced by a link is neither synced nor taken as deleted.
                    Links.Add((key, found.Relative));
                    continue;
                }

                if (category.Kind == SyncCategoryKind.Sqlite)
                {
                    stat = SqliteSnapshot.Signature(full, stat);
                }

                Files.Add(new Walked(key, SyncPaths.FoldKey(key, caseInsensitive), found.Relative, stat));
            }
        }

        /// <summary>Compares each file with its cached state: a hit reuses the cached hash, a miss is hashed later.</summary>
        public void Compare(string root, Dictionary<string, string> folded, IReadOnlyDictionary<string, StateRow> cache, SyncCategory category, ScanOptions options, long racyFrom)
        {
            Results = new LocalFile?[Files.Count];
            for (int i = 0; i < Files.Count; i++)
            {
                Walked w = Files[i];
                if (folded[w.Fold] != w.Disk)
                {
                    continue;
                }

                FileStat stat = w.Stat;
                var file = new LocalFile
                {
                    Key = w.Key,
                    DiskPath = w.Disk,
                    Stat = stat,
                    Racy = stat.MtimeNs >= racyFrom,
                    ContentSize = stat.Size,
                    ContentMtimeNs = stat.MtimeNs,
                };

                // The full path is built again only for the probe: kept per file, 100k of them would survive into gen 1.
                string? probe = options.UnavailableProbe?.Invoke(SyncPaths.ToFull(root, w.Disk));
                if (stat.Dataless)
                {
                    file.UnavailableReason = "dataless iCloud placeholder (evicted; download it or turn off Optimize Mac Storage)";
                }
                else if (probe is not null)
                {
                    file.UnavailableReason = probe;
                }
                else if (stat.Size > category.MaxFileSize)
                {
                    file.UnavailableReason = $"larger than the category's maximum file size ({category.MaxFileSize} bytes)";
                }
                else if (cache.TryGetValue(w.Key, out StateRow? row) && row.LocalSha is not null && row.LocalSize == stat.Size
                    && row.LocalMtimeNs == stat.MtimeNs && row.LocalFileId == stat.FileId)
                {
                    file.Sha = row.LocalSha;
                    if (row.HasBase && !row.Deleted && row.Sha == row.LocalSha)
                    {
                        file.ContentSize = row.Size;
                        file.ContentMtimeNs = row.MtimeNs;
                    }
                }
                else
                {
                    file.StatChanged = true;
                }

                Results[i] = file;
            }
        }
    }
}

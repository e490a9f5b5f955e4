using System.IO.Enumeration;
using System.Text.RegularExpressions;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>
/// Walks a category root with <see cref="FileSystemEnumerable{TResult}"/>, applies the ignore rules, and compares
/// each file's (size, mtime ns, inode) with the cache. Hashing is a separate step (<see cref="Hash"/>) so the
/// engine hashes only what the plan needs; on a no-change rescan nothing is hashed.
/// </summary>
internal static partial class LocalScanner
{
    private static readonly string[] s_dbExtensions = [".db", ".sqlite", ".sqlite3"];

    public static LocalScan Scan(SyncCategory category, IReadOnlyDictionary<string, StateRow> rows, ScanOptions options, DateTimeOffset scanStart) =>
        Scan(category, () => rows, options, scanStart);

    /// <summary>
    /// Scans; <paramref name="rows"/> is asked for the cached state only after the walk, so the caller can load it
    /// from state.db on another core while the tree is walked.
    /// </summary>
    public static LocalScan Scan(SyncCategory category, Func<IReadOnlyDictionary<string, StateRow>> rows, ScanOptions options, DateTimeOffset scanStart)
    {
        var scan = new LocalScan();
        var rules = new IgnoreRules(category.Include, category.Exclude);
        string root = Path.GetFullPath(category.LocalPath).TrimEnd(Path.DirectorySeparatorChar);
        long racyFrom = (scanStart.ToUnixTimeMilliseconds() * 1_000_000L) - ScanOptions.RacyWindowNs;
        var stubs = new List<(string Key, string Disk)>();
        var links = new List<(string Key, string Disk)>();

        if (category.Kind == SyncCategoryKind.Unit)
        {
            UnitScanner.Scan(root, rules, rows(), options, racyFrom, scan);
            return scan;
        }

        // The walk and the per-file work (names, rules, lstat, cache comparison) run on every core, one subtree per
        // task; only the clash check and the inserts are serial. Results merge in subtree order: deterministic.
        List<WalkPart> parts = WalkParts(root, rules);
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            i => parts[i].Walk(root, rules, category, options.CaseInsensitive));

        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        int total = 0;
        foreach (WalkPart part in parts)
        {
            scan.Leftovers.AddRange(part.Leftovers);
            scan.Issues.AddRange(part.Issues);
            stubs.AddRange(part.Stubs);
            scan.LinkedDirectories.AddRange(part.LinkedDirectories);
            links.AddRange(part.Links);
            foreach (Walked w in part.Files)
            {
                AcceptKey(scan, folded, w.Key, w.Fold, w.Disk);
            }

            total += part.Files.Count;
        }

        IReadOnlyDictionary<string, StateRow> cache = rows();
        Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            i => parts[i].Compare(root, folded, cache, category, options, racyFrom));

        scan.Files.EnsureCapacity(total);
        foreach (WalkPart part in parts)
        {
            foreach (LocalFile? file in part.Results)
            {
                if (file is null)
                {
                    continue; // lost a case/normalisation clash (reported above)
                }

                if (file.StatChanged)
                {
                    scan.StatChanged++;
                }

                if (file.Unavailable)
                {
                    scan.Issues.Add(new ScanIssue(file.Key, "unavailable", file.UnavailableReason!));
                }

                scan.Files[file.Key] = file;
            }
        }

        AddDirectories(scan, parts.SelectMany(p => p.Directories), cache);

        foreach ((string linkKey, string disk) in links)
        {
            if (!scan.Files.ContainsKey(linkKey))
            {
                const string reason = "a symbolic link: not followed or synced (and not taken as deleted)";
                scan.Files[linkKey] = new LocalFile { Key = linkKey, DiskPath = disk, UnavailableReason = reason };
                scan.Issues.Add(new ScanIssue(disk, "symlink", "Symbolic links are not followed or synced."));
            }
        }

        foreach ((string stubKey, string disk) in stubs)
        {
            string? key = SyncPaths.Canonicalize(stubKey);
            if (key is null || scan.Files.ContainsKey(key) || !rules.IsPathIncluded(key))
            {
                continue;
            }

            const string reason = "evicted iCloud placeholder (.name.icloud stub); not synced until downloaded";
            scan.Files[key] = new LocalFile { Key = key, DiskPath = disk, UnavailableReason = reason };
            scan.Issues.Add(new ScanIssue(key, "unavailable", reason));
        }

        return scan;
    }

    /// <summary>
    /// Directories that are entries of their own: the empty ones (so they exist on every device) and those synced
    /// before (a synced directory is deleted elsewhere only when it is removed here, not when it merely fills up).
    /// Any other directory is implied by the files in it.
    /// </summary>
    private static void AddDirectories(LocalScan scan, IEnumerable<(string Key, string Disk)> directories, IReadOnlyDictionary<string, StateRow> cache)
    {
        List<(string Key, string Disk)> found = directories.ToList();
        if (found.Count == 0)
        {
            return;
        }

        var occupied = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in scan.Files.Keys.Concat(found.Select(d => d.Key)))
        {
            int slash = key.LastIndexOf('/');
            if (slash > 0)
            {
                occupied.Add(key[..slash]);
            }
        }

        foreach ((string key, string disk) in found)
        {
            bool synced = cache.TryGetValue(key, out StateRow? row) && row.HasBase && row.IsDirectory;
            if ((!occupied.Contains(key) || synced) && !scan.Files.ContainsKey(key))
            {
                scan.Files[key] = new LocalFile { Key = key, DiskPath = disk, IsDirectory = true };
            }
        }
    }

    /// <summary>Hashes the given files in parallel (one worker per core); unreadable ones become unavailable.</summary>
    public static void Hash(SyncCategory category, LocalScan scan, IEnumerable<LocalFile> files, ScanOptions options)
    {
        string root = Path.GetFullPath(category.LocalPath);
        LocalFile[] pending = files.Where(f => f.Sha is null && !f.Unavailable).ToArray();
        long bytes = 0;
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, file =>
        {
            string full = SyncPaths.ToFull(root, file.DiskPath);
            try
            {
                if (category.Kind == SyncCategoryKind.Unit)
                {
                    file.Sha = UnitArchive.Hash(full, new IgnoreRules(category.Include, category.Exclude), file.DiskPath);
                }
                else if (category.Kind == SyncCategoryKind.Sqlite)
                {
                    file.SnapshotPath = SqliteSnapshot.Create(full, options.SnapshotDirectory);
                    file.ContentSize = new FileInfo(file.SnapshotPath).Length;
                    file.Sha = ContentHasher.HashFile(file.SnapshotPath);
                }
                else
                {
                    file.Sha = ContentHasher.HashFile(full);
                }

                Interlocked.Add(ref bytes, file.ContentSize);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                file.UnavailableReason = "unreadable: " + e.Message;
                lock (scan.Issues)
                {
                    scan.Issues.Add(new ScanIssue(file.Key, "unavailable", file.UnavailableReason));
                }
            }
        });

        scan.Hashed += pending.Length;
        scan.HashedBytes += bytes;
    }

    /// <summary>
    /// First spelling of a key wins, by ordinal order of the on-disk names (deterministic whatever the walk order);
    /// later ones are reported and not synced.
    /// </summary>
    private static void AcceptKey(LocalScan scan, Dictionary<string, string> folded, string key, string fold, string disk)
    {
        if (!folded.TryGetValue(fold, out string? existingDisk))
        {
            folded[fold] = disk;
            return;
        }

        (string winner, string loser) = string.CompareOrdinal(disk, existingDisk) < 0 ? (disk, existingDisk) : (existingDisk, disk);
        folded[fold] = winner;
        scan.Issues.Add(new ScanIssue(loser, "case-conflict", $"'{loser}' clashes with '{winner}' (case or Unicode normalisation); only '{winner}' is synced."));
    }

    private static string Relative(ref FileSystemEntry e, int rootLength)
    {
        ReadOnlySpan<char> dir = e.Directory;
        string rel = dir.Length >= rootLength
            ? string.Concat(dir[rootLength..], "/", e.FileName)
            : e.FileName.ToString();
        return Path.DirectorySeparatorChar == '/' ? rel : rel.Replace(Path.DirectorySeparatorChar, '/');
    }

    [GeneratedRegex(@"^\.(.+?)(?:-tef)?\.icloud$", RegexOptions.CultureInvariant)]
    private static partial Regex IcloudStub();

    private readonly record struct Found(string Relative, string Name, bool IsSymlink, bool IsDirectory);
}

using System.IO.Enumeration;
using System.Text.RegularExpressions;

namespace Letta.Plugins.Sync.Engine;

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
        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        var stubs = new List<(string Key, string Disk)>();

        if (category.Kind == SyncCategoryKind.Unit)
        {
            UnitScanner.Scan(root, rules, rows(), options, racyFrom, scan);
            return scan;
        }

        var walked = new List<(string Key, string Disk, FileStat Stat, string Full)>(1024);

        foreach (Found found in Enumerate(root, rules, scan))
        {
            string name = found.Name;

            Match stub = name.Length > 7 && name[0] == '.' && name.EndsWith(".icloud", StringComparison.Ordinal) ? IcloudStub().Match(name) : Match.Empty;
            if (stub.Success)
            {
                string dir = found.Relative.Length > name.Length ? found.Relative[..^(name.Length + 1)] + "/" : "";
                stubs.Add((dir + stub.Groups[1].Value, found.Relative));
                continue;
            }

            if (!rules.IsFileIncluded(found.Relative, name))
            {
                continue;
            }

            if (category.Kind == SyncCategoryKind.Sqlite && !s_dbExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            string? key = SyncPaths.Canonicalize(found.Relative);
            if (key is null)
            {
                scan.Issues.Add(new ScanIssue(found.Relative, "invalid-name", "The name cannot be synced."));
                continue;
            }

            if (!AcceptKey(scan, folded, key, found.Relative, options.CaseInsensitive))
            {
                continue;
            }

            string full = SyncPaths.ToFull(root, found.Relative);
            FileStat stat = NativeStat.Stat(full);
            if (stat.Size < 0)
            {
                continue; // vanished while walking
            }

            if (stat.IsSymlink || found.IsDirectory)
            {
                scan.Issues.Add(new ScanIssue(found.Relative, "symlink", "Symbolic links are not followed or synced."));
                continue;
            }

            if (category.Kind == SyncCategoryKind.Sqlite)
            {
                stat = SqliteSnapshot.Signature(full, stat);
            }

            walked.Add((key, found.Relative, stat, full));
        }

        IReadOnlyDictionary<string, StateRow> cache = rows();
        scan.Files.EnsureCapacity(walked.Count);
        foreach ((string key, string disk, FileStat stat, string full) in walked)
        {
            if (folded[SyncPaths.FoldKey(key, options.CaseInsensitive)] != disk)
            {
                continue; // lost a case/normalisation clash (reported during the walk)
            }

            var file = new LocalFile
            {
                Key = key,
                DiskPath = disk,
                Stat = stat,
                Racy = stat.MtimeNs >= racyFrom,
                ContentSize = stat.Size,
                ContentMtimeNs = stat.MtimeNs,
            };

            string? probe = options.UnavailableProbe?.Invoke(full);
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
            else if (cache.TryGetValue(key, out StateRow? row) && row.LocalSha is not null && row.LocalSize == stat.Size
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
                scan.StatChanged++;
            }

            if (file.Unavailable)
            {
                scan.Issues.Add(new ScanIssue(key, "unavailable", file.UnavailableReason!));
            }

            scan.Files[key] = file;
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
    /// later ones are reported and not synced. Returns false when this spelling lost.
    /// </summary>
    private static bool AcceptKey(LocalScan scan, Dictionary<string, string> folded, string key, string disk, bool caseInsensitive)
    {
        string fold = SyncPaths.FoldKey(key, caseInsensitive);
        if (!folded.TryGetValue(fold, out string? existingDisk))
        {
            folded[fold] = disk;
            return true;
        }

        (string winner, string loser) = string.CompareOrdinal(disk, existingDisk) < 0 ? (disk, existingDisk) : (existingDisk, disk);
        folded[fold] = winner;
        scan.Issues.Add(new ScanIssue(loser, "case-conflict", $"'{loser}' clashes with '{winner}' (case or Unicode normalisation); only '{winner}' is synced."));
        return winner == disk;
    }

    private static IEnumerable<Found> Enumerate(string root, IgnoreRules rules, LocalScan scan)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        int rootLength = root.Length + 1;
        var enumerable = new FileSystemEnumerable<Found>(root, (ref FileSystemEntry e) =>
        {
            string rel = Relative(ref e, rootLength);
            // Attributes is not read here: on Unix it costs a second stat per file; symlinks are told by our own lstat.
            return new Found(rel, e.FileName.ToString(), false, e.IsDirectory);
        }, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) =>
            {
                if ((e.Attributes & FileAttributes.ReparsePoint) != 0 || e.FileName.EndsWith(SyncPaths.LocalTempSuffix))
                {
                    return false;
                }

                return rules.ShouldEnterDirectory(Relative(ref e, rootLength), e.FileName.ToString());
            },
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory || e.FileName.EndsWith(SyncPaths.LocalTempSuffix) || (e.Attributes & FileAttributes.ReparsePoint) != 0,
        };

        foreach (Found found in enumerable)
        {
            if (found.Name.EndsWith(SyncPaths.LocalTempSuffix, StringComparison.Ordinal))
            {
                scan.Leftovers.Add(SyncPaths.ToFull(root, found.Relative));
                continue;
            }

            if (found.IsDirectory && (found.IsSymlink || !IsSymlinkDirectory(root, found.Relative)))
            {
                continue;
            }

            yield return found;
        }
    }

    /// <summary>Directories reach the results only when they are symlinks (the recurse predicate refused them).</summary>
    private static bool IsSymlinkDirectory(string root, string relative) =>
        new DirectoryInfo(SyncPaths.ToFull(root, relative)).LinkTarget is not null;

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

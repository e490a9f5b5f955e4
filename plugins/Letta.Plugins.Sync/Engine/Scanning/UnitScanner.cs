using System.Security.Cryptography;
using System.Text;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>Scans a <see cref="SyncCategoryKind.Unit"/> category: each top-level directory is one item.</summary>
internal static class UnitScanner
{
    public static void Scan(string root, IgnoreRules rules, IReadOnlyDictionary<string, StateRow> rows, ScanOptions options, long racyFrom, LocalScan scan)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (string dir in Directory.EnumerateDirectories(root))
        {
            string name = Path.GetFileName(dir);
            if (name.EndsWith(SyncPaths.LocalTempSuffix, StringComparison.Ordinal))
            {
                scan.Leftovers.Add(dir);
                continue;
            }

            string? key = SyncPaths.Canonicalize(name);
            if (key is null || (File.GetAttributes(dir) & FileAttributes.ReparsePoint) != 0 || !rules.ShouldEnterDirectory(name, name))
            {
                continue;
            }

            FileStat stat = Signature(dir, rules, name);
            var file = new LocalFile { Key = key, DiskPath = name, Stat = stat, Racy = stat.MtimeNs >= racyFrom, ContentSize = stat.Size, ContentMtimeNs = stat.MtimeNs };
            string? probe = options.UnavailableProbe?.Invoke(dir);
            if (probe is not null)
            {
                file.UnavailableReason = probe;
                scan.Issues.Add(new ScanIssue(key, "unavailable", probe));
            }
            else if (rows.TryGetValue(key, out StateRow? row) && row.LocalSha is not null && row.LocalSize == stat.Size && row.LocalMtimeNs == stat.MtimeNs && row.LocalFileId == stat.FileId)
            {
                file.Sha = row.LocalSha;
            }
            else
            {
                file.StatChanged = true;
                scan.StatChanged++;
            }

            scan.Files[key] = file;
        }
    }

    /// <summary>Total size, newest mtime and a 64-bit digest of every file's (path, size, mtime, inode).</summary>
    public static FileStat Signature(string dir, IgnoreRules rules, string name)
    {
        var sb = new StringBuilder();
        long size = 0, mtime = 0;
        foreach ((string rel, string full) in UnitArchive.Listing(dir, rules, name))
        {
            FileStat s = NativeStat.Stat(full);
            size += s.Size;
            mtime = Math.Max(mtime, s.MtimeNs);
            sb.Append(rel).Append('\0').Append(s.Size).Append('\0').Append(s.MtimeNs).Append('\0').Append(s.FileId).Append('\n');
        }

        long digest = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())), 0);
        return new FileStat(size, mtime, digest, false);
    }
}

using Letta.Plugins.Shared;
using System.Formats.Tar;
using System.Text;

namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>
/// A unit directory (e.g. one extension) as one item: its identity is a Merkle hash of (relative path, SHA-256)
/// of every file; its blob is a tar archive of the files, written in sorted order.
/// </summary>
internal static class UnitArchive
{
    public static List<(string Relative, string Full)> Listing(string unitDir, IgnoreRules rules, string unitName)
    {
        var list = new List<(string, string)>();
        foreach (string full in Directory.EnumerateFiles(unitDir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }))
        {
            string rel = Path.GetRelativePath(unitDir, full).Replace(Path.DirectorySeparatorChar, '/');
            if (rules.IsPathIncluded(unitName + "/" + rel))
            {
                list.Add((rel, full));
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return list;
    }

    public static string Merkle(IEnumerable<(string Relative, string Sha)> entries)
    {
        var sb = new StringBuilder();
        foreach ((string rel, string sha) in entries)
        {
            sb.Append(rel).Append('\0').Append(sha).Append('\n');
        }

        return ContentHasher.HashBytes(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    public static string Hash(string unitDir, IgnoreRules rules, string unitName) =>
        Merkle(Listing(unitDir, rules, unitName).Select(e => (e.Relative, ContentHasher.HashFile(e.Full))));

    /// <summary>Writes the tar to <paramref name="tarPath"/>; returns the Merkle hash of what was archived.</summary>
    public static string CreateTar(string unitDir, IgnoreRules rules, string unitName, string tarPath)
    {
        var hashes = new List<(string, string)>();
        using var stream = new FileStream(tarPath, PrivateFiles.Options(FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read));
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string rel, string full) in Listing(unitDir, rules, unitName))
            {
                byte[] data = File.ReadAllBytes(full);
                hashes.Add((rel, ContentHasher.HashBytes(data)));
                var entry = new PaxTarEntry(TarEntryType.RegularFile, rel)
                {
                    ModificationTime = File.GetLastWriteTimeUtc(full),
                    DataStream = new MemoryStream(data),
                };
                writer.WriteEntry(entry);
            }
        }

        return Merkle(hashes);
    }

    /// <summary>Extracts into a new directory, rejecting entries that would escape it.</summary>
    public static void Extract(string tarPath, string targetDir)
    {
        Directory.CreateDirectory(targetDir);
        using var stream = File.OpenRead(tarPath);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType != TarEntryType.RegularFile || SyncPaths.Canonicalize(entry.Name) is null)
            {
                continue;
            }

            string full = SyncPaths.ToFull(targetDir, entry.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            entry.ExtractToFile(full, overwrite: false);
            File.SetLastWriteTimeUtc(full, entry.ModificationTime.UtcDateTime);
        }
    }
}

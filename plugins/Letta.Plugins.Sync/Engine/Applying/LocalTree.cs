using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>The category's local folder as the apply stage touches it: paths, stats, moves, parents, temp names.</summary>
internal sealed class LocalTree(SyncCategory category, TimeProvider clock, DeviceIdentity self)
{
    private readonly IgnoreRules _rules = new(category.Include, category.Exclude);
    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(category.LocalPath);

    public string Full(string relative) => SyncPaths.ToFull(Root, relative);

    public static bool Exists(string full) => Path.Exists(full);

    /// <summary>Whether the item at <paramref name="full"/> is still what the scan saw (absent when it saw nothing).</summary>
    public bool Unchanged(LocalFile? expected, string full)
    {
        if (expected is null)
        {
            return !Exists(full);
        }

        if (expected.IsDirectory)
        {
            return Directory.Exists(full);
        }

        if (!Exists(full))
        {
            return false;
        }

        FileStat now = Stat(full);
        return now.Size == expected.Stat.Size && now.MtimeNs == expected.Stat.MtimeNs && now.FileId == expected.Stat.FileId;
    }

    /// <summary>The stat tuple the scanner compares: a unit's signature, a database's with its WAL, else lstat.</summary>
    public FileStat Stat(string full) => category.Kind switch
    {
        SyncCategoryKind.Unit => UnitScanner.Signature(full, _rules, Path.GetFileName(full)),
        SyncCategoryKind.Sqlite => SqliteSnapshot.Signature(full, NativeStat.Stat(full)),
        _ => NativeStat.Stat(full),
    };

    public IgnoreRules Rules => _rules;

    public static void Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to, overwrite: false);
        }
    }

    /// <summary>Directories (relative keys) <see cref="RemoveEmptyParents"/> leaves in place: synced ones.</summary>
    public void Keep(IEnumerable<string> directories)
    {
        lock (_kept)
        {
            _kept.UnionWith(directories);
        }
    }

    /// <summary>Removes the directories left empty above <paramref name="full"/>, up to the root (not synced ones).</summary>
    public void RemoveEmptyParents(string full)
    {
        string? dir = Path.GetDirectoryName(full);
        while (dir is not null && dir.Length > Root.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any() && !IsKept(dir))
        {
            Directory.Delete(dir);
            dir = Path.GetDirectoryName(dir);
        }
    }

    private bool IsKept(string full)
    {
        string key = Path.GetRelativePath(Root, full).Replace(Path.DirectorySeparatorChar, '/');
        lock (_kept)
        {
            return _kept.Contains(key);
        }
    }

    /// <summary>Creates the parent directories; a file in the way is renamed aside (a type conflict), never deleted.</summary>
    public void EnsureParent(string full, string key, List<ScanIssue> issues)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || Directory.Exists(parent))
        {
            return;
        }

        string relParent = Path.GetRelativePath(Root, parent);
        string current = Root;
        foreach (string segment in relParent.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            if (File.Exists(current))
            {
                string rel = Path.GetRelativePath(Root, current).Replace(Path.DirectorySeparatorChar, '/');
                string aside = Full(ConflictNames.For(rel, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, self.ShortId, loserSha: null));
                File.Move(current, aside);
                lock (issues)
                {
                    issues.Add(new ScanIssue(rel, "type-conflict", $"A local file was in the way of remote directory content for '{key}'; it was renamed to '{Path.GetFileName(aside)}'."));
                }
            }
        }

        Directory.CreateDirectory(parent);
    }

    /// <summary>A directory where a remote file goes: renamed to a conflict name, never deleted recursively.</summary>
    public void MoveDirectoryAside(string full, string key, List<ScanIssue> issues)
    {
        string aside = Full(ConflictNames.For(key, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, self.ShortId, loserSha: null));
        Directory.Move(full, aside);
        lock (issues)
        {
            issues.Add(new ScanIssue(key, "type-conflict", $"A local directory was in the way of a remote file; it was renamed to '{Path.GetFileName(aside)}'."));
        }
    }

    /// <summary>A temp path beside <paramref name="full"/> whose name stays within the file system's 255-byte limit.</summary>
    public static string TempBeside(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, SyncPaths.TempName(Path.GetFileName(full)));
}

using Letta.Plugins.Shared;
using Microsoft.Data.Sqlite;

namespace Letta.Plugins.Sync.Engine.Scanning;

/// <summary>
/// Databases are synced as consistent snapshots (SQLite online backup), never as the live file, and the db with
/// its <c>-wal</c> is one unit: the change signature covers both, so a write that only touched the WAL is seen.
/// </summary>
internal static class SqliteSnapshot
{
    public static FileStat Signature(string dbPath, FileStat db)
    {
        FileStat wal = NativeStat.Stat(dbPath + "-wal");
        if (wal.Size < 0)
        {
            return db;
        }

        long mixed = db.FileId ^ (wal.Size * 1_000_003L) ^ wal.MtimeNs ^ (wal.FileId << 1);
        return db with { MtimeNs = Math.Max(db.MtimeNs, wal.MtimeNs), FileId = mixed };
    }

    /// <summary>Backs the live database up into a new file under <paramref name="directory"/>; returns its path.</summary>
    public static string Create(string dbPath, string directory)
    {
        PrivateFiles.CreateDirectory(directory);
        string target = Path.Combine(directory, $"snapshot-{Guid.NewGuid():N}.db");
        PrivateFiles.WriteAllBytes(target, []); // SQLite would create it with the umask's mode
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
            using SqliteCommand cmd = destination.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=DELETE;";
            cmd.ExecuteNonQuery();
        }

        return target;
    }

    /// <summary>Whether the owning app may have the database open (a non-empty WAL): then it is not replaced.</summary>
    public static bool InUse(string dbPath)
    {
        var wal = new FileInfo(dbPath + "-wal");
        return wal.Exists && wal.Length > 0;
    }

    /// <summary>Removes an empty WAL and the shared-memory file, which would not match a replaced database.</summary>
    public static void RemoveCompanions(string dbPath)
    {
        foreach (string suffix in new[] { "-wal", "-shm", "-journal" })
        {
            string path = dbPath + suffix;
            if (File.Exists(path) && (suffix != "-wal" || new FileInfo(path).Length == 0))
            {
                File.Delete(path);
            }
        }
    }
}

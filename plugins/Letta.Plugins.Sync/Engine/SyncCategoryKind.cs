namespace Letta.Plugins.Sync.Engine;

/// <summary>How the files of a category are treated.</summary>
internal enum SyncCategoryKind
{
    /// <summary>Each file syncs on its own.</summary>
    Files = 0,

    /// <summary>
    /// Each <c>*.db</c>/<c>*.sqlite</c>/<c>*.sqlite3</c> file is synced as a consistent snapshot (SQLite online backup),
    /// never as the live file; <c>-wal</c>/<c>-shm</c>/<c>-journal</c> companions are never synced.
    /// </summary>
    Sqlite = 1,

    /// <summary>Each top-level directory (e.g. one extension) is synced as one unit, replaced as a whole.</summary>
    Unit = 2,
}

using Letta.Plugins.Shared;
using Microsoft.Data.Sqlite;

namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>
/// state.db (SQLite, WAL): base and local cache per (category, path), peer sequence numbers and per-category
/// bookkeeping. Raw SQL; one connection per store. Opened read-only for a dry-run so that not a byte changes.
/// </summary>
internal sealed class StateStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS files(
            category TEXT NOT NULL, path TEXT NOT NULL,
            has_base INTEGER NOT NULL, sha TEXT, size INTEGER NOT NULL DEFAULT 0, mtime_ns INTEGER NOT NULL DEFAULT 0,
            blob TEXT, version TEXT, author TEXT, deleted INTEGER NOT NULL DEFAULT 0, deleted_at INTEGER NOT NULL DEFAULT 0,
            l_size INTEGER NOT NULL DEFAULT -1, l_mtime_ns INTEGER NOT NULL DEFAULT 0, l_file_id INTEGER NOT NULL DEFAULT 0, l_sha TEXT,
            flags INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(category, path)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS peers(category TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY(category, device_id)) WITHOUT ROWID;
        """;

    private readonly SqliteConnection? _connection;
    private string? _copyDirectory;

    private StateStore(SqliteConnection? connection, bool readOnly)
    {
        _connection = connection;
        ReadOnly = readOnly;
    }

    public bool ReadOnly { get; }

    public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, "state.db");

    /// <summary>Opens (creating when needed) the writable store.</summary>
    public static StateStore Open(string stateDirectory)
    {
        PrivateFiles.CreateDirectory(stateDirectory);
        CreatePrivate(PathIn(stateDirectory));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = PathIn(stateDirectory),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=16384;" + Schema);
        Migrate(connection);
        return new StateStore(connection, readOnly: false);
    }

    // SQLite gives a new database the umask's mode and its -wal/-shm the database's: made 0600 first, all three are.
    private static void CreatePrivate(string path)
    {
        if (!File.Exists(path))
        {
            PrivateFiles.WriteAllBytes(path, []);
            return;
        }

        foreach (string existing in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            PrivateFiles.Narrow(existing);
        }
    }

    /// <summary>
    /// Opens for a dry-run: even a read-only SQLite connection to a WAL database creates <c>-wal</c>/<c>-shm</c>
    /// files, so the dry-run reads a private copy (with its WAL) and the real state stays byte-identical.
    /// A missing database reads as empty and is not created.
    /// </summary>
    public static StateStore OpenReadOnly(string stateDirectory)
    {
        string path = PathIn(stateDirectory);
        if (!File.Exists(path))
        {
            return new StateStore(null, readOnly: true);
        }

        string copyDir = Path.Combine(Path.GetTempPath(), "letta-sync-dry-state-" + Guid.NewGuid().ToString("N"));
        PrivateFiles.CreateDirectory(copyDir);
        string copy = Path.Combine(copyDir, "state.db");
        PrivateFiles.Copy(path, copy);
        if (File.Exists(path + "-wal"))
        {
            PrivateFiles.Copy(path + "-wal", copy + "-wal");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = copy,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return new StateStore(connection, readOnly: true) { _copyDirectory = copyDir };
    }

    public Dictionary<string, StateRow> LoadCategory(string category)
    {
        var rows = new Dictionary<string, StateRow>(StringComparer.Ordinal);
        if (_connection is null)
        {
            return rows;
        }

        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT path, has_base, sha, size, mtime_ns, blob, version, author, deleted, deleted_at, l_size, l_mtime_ns, l_file_id, l_sha, flags
            FROM files WHERE category = $c
            """;
        cmd.Parameters.AddWithValue("$c", category);
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            string? sha = r.IsDBNull(2) ? null : r.GetString(2);
            var row = new StateRow
            {
                Path = r.GetString(0),
                HasBase = r.GetInt64(1) != 0,
                Sha = sha,
                Size = r.GetInt64(3),
                MtimeNs = r.GetInt64(4),
                Blob = StateRowEncoding.ReadBlob(r.IsDBNull(5) ? null : r.GetString(5), sha),
                VersionText = r.IsDBNull(6) ? null : r.GetString(6),
                Author = r.IsDBNull(7) ? null : r.GetString(7),
                Deleted = r.GetInt64(8) != 0,
                DeletedAt = r.GetInt64(9),
                LocalSize = r.GetInt64(10),
                LocalMtimeNs = r.GetInt64(11),
                LocalFileId = r.GetInt64(12),
                LocalSha = StateRowEncoding.ReadLocalSha(r.IsDBNull(13) ? null : r.GetString(13), sha),
                Flags = (StateRowFlags)r.GetInt64(14),
            };
            rows[row.Path] = row;
        }

        return rows;
    }

    /// <summary>Whether the category has any base row (it synced before).</summary>
    public bool HasBase(string category)
    {
        if (_connection is null)
        {
            return false;
        }

        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT EXISTS(SELECT 1 FROM files WHERE category = $c AND has_base = 1)";
        cmd.Parameters.AddWithValue("$c", category);
        return cmd.ExecuteScalar() is long n && n != 0;
    }

    public string? GetMeta(string key)
    {
        if (_connection is null)
        {
            return null;
        }

        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using SqliteCommand cmd = Writable().CreateCommand();
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    public long GetPeerSeq(string category, string deviceId)
    {
        if (_connection is null)
        {
            return -1;
        }

        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT seq FROM peers WHERE category = $c AND device_id = $d";
        cmd.Parameters.AddWithValue("$c", category);
        cmd.Parameters.AddWithValue("$d", deviceId);
        return cmd.ExecuteScalar() is long seq ? seq : -1;
    }

    public void SetPeerSeq(string category, string deviceId, long seq)
    {
        using SqliteCommand cmd = Writable().CreateCommand();
        cmd.CommandText = "INSERT INTO peers(category, device_id, seq) VALUES($c, $d, $s) ON CONFLICT(category, device_id) DO UPDATE SET seq = excluded.seq";
        cmd.Parameters.AddWithValue("$c", category);
        cmd.Parameters.AddWithValue("$d", deviceId);
        cmd.Parameters.AddWithValue("$s", seq);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Starts a batch of row writes; each <see cref="StateBatch.Commit"/> makes the rows so far durable.</summary>
    public StateBatch BeginBatch(string category) => new(Writable(), category);

    public void Dispose()
    {
        _connection?.Dispose();
        if (_copyDirectory is not null)
        {
            Directory.Delete(_copyDirectory, recursive: true);
        }
    }

    private SqliteConnection Writable() =>
        ReadOnly || _connection is null ? throw new InvalidOperationException("The state store is read-only (dry-run).") : _connection;

    /// <summary>Brings a state.db of an earlier release up to this schema (columns are only ever added).</summary>
    private static void Migrate(SqliteConnection connection)
    {
        using SqliteCommand columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('files') WHERE name = 'flags'";
        if (columns.ExecuteScalar() is long n && n == 0)
        {
            Execute(connection, "ALTER TABLE files ADD COLUMN flags INTEGER NOT NULL DEFAULT 0");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

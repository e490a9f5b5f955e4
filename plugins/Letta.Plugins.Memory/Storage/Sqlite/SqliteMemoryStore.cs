using System.Data.Common;
using System.Globalization;
using System.Text;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Options;
using Microsoft.Data.Sqlite;

namespace Letta.Plugins.Memory.Storage.Sqlite;

/// <summary>
/// The embedded provider: one SQLite file (WAL), FTS5 kept in sync by triggers, bm25 ranking and snippets.
/// SQLite allows one writer at a time, so writes queue on a semaphore instead of spinning on SQLITE_BUSY.
/// </summary>
internal sealed partial class SqliteMemoryStore : RelationalMemoryStore, IDisposable
{
    private readonly string _connectionString;
    private readonly string? _mmapPragma;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <param name="databasePath">The database file; created owner-only (0600) when missing.</param>
    /// <param name="mmapBytes">Bytes of the file each connection reads through a memory map; 0 for none.</param>
    public SqliteMemoryStore(string databasePath, long mmapBytes = 0)
    {
        DatabasePath = databasePath;
        _mmapPragma = mmapBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {mmapBytes};") : null;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public override string Provider => MemoryOptions.SqliteProvider;

    protected override string MigrationFolder => "Sqlite";

    protected override string LockSuffix => string.Empty;

    public string ConnectionString => _connectionString;

    public void Dispose() => _writeLock.Dispose();

    /// <summary>
    /// Creates the database file owner-only (0600), or narrows an existing one. SQLite gives its -wal and -shm files
    /// the database file's mode, so they follow.
    /// </summary>
    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            try
            {
                // An empty file is a valid empty database; SQLite fills it in on first use.
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; narrow its mode below.
            }
        }

        if ((File.GetUnixFileMode(path) & ~ownerOnly) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ownerOnly);
        }
    }

    /// <summary>
    /// Opens a pooled connection; with <paramref name="jsonFunctions"/>, registers <c>memory_json_contains</c>.
    /// Registering a function expires the connection's prepared statements, so it is done only when a metadata
    /// filter needs it.
    /// </summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken, bool jsonFunctions = false)
    {
        var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(cancellationToken);
        if (_mmapPragma is not null)
        {
            // Per open, because the pool hands out physical connections without saying which are new; it costs
            // microseconds. Reads then come straight from the page cache of the OS instead of being copied.
            await using var pragma = conn.CreateCommand();
            pragma.CommandText = _mmapPragma;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        if (jsonFunctions)
        {
            conn.CreateFunction("memory_json_contains", (string doc, string pattern) => JsonContainment.Contains(doc, pattern), isDeterministic: true);
        }

        return conn;
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken, MemoryFilter? filter = null) =>
        await OpenConnectionAsync(cancellationToken, filter?.MetadataJson is not null);

    protected override async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var conn = await OpenConnectionAsync(cancellationToken);
            await using (var pragma = conn.CreateCommand())
            {
                // WAL + NORMAL: a commit survives a crash of the process; only an OS crash may lose the last ones.
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            var tx = conn.BeginTransaction(deferred: false);
            return new WriteScope(conn, tx, new Releaser(_writeLock));
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(DatabasePath));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        RestrictToOwner(DatabasePath);

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var conn = await OpenConnectionAsync(cancellationToken);
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);";
                await cmd.ExecuteNonQueryAsync(cancellationToken);
            }

            var current = await CurrentVersionAsync(conn, cancellationToken);
            foreach (var (version, sql) in Migrations.Where(m => m.Version > current))
            {
                await using var tx = conn.BeginTransaction(deferred: false);
                await using (var cmd = conn.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = sql;
                    await cmd.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var cmd = conn.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)";
                    Add(cmd, "@v", version);
                    Add(cmd, "@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                    await cmd.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async Task<(int Current, int Expected)> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        var expected = Migrations.Max(m => m.Version);
        await using var conn = await OpenConnectionAsync(cancellationToken);
        return (await CurrentVersionAsync(conn, cancellationToken), expected);
    }

    private static async Task<int> CurrentVersionAsync(SqliteConnection conn, CancellationToken cancellationToken)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (await cmd.ExecuteScalarAsync(cancellationToken) is null)
        {
            return 0;
        }

        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    protected override void AddTags(DbCommand cmd, string name, IReadOnlyList<string> tags) => Add(cmd, name, TagsJson.Write(tags));

    protected override void AddMetadata(DbCommand cmd, string name, string json) => Add(cmd, name, json);

    protected override void AddTime(DbCommand cmd, string name, DateTimeOffset value) => Add(cmd, name, MemoryTime.ToMicros(value));

    protected override IReadOnlyList<string> ReadTags(DbDataReader reader, int ordinal) => TagsJson.Read(reader.GetString(ordinal));

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => MemoryTime.FromMicros(reader.GetInt64(ordinal));

    protected override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT

    protected override string RenderFilter(MemoryFilter filter, DbCommand cmd)
    {
        var sb = new StringBuilder();
        if (filter.Tags.Count > 0)
        {
            if (filter.AllTags)
            {
                for (var i = 0; i < filter.Tags.Count; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM memory_tags t WHERE t.tag = @tag{i} AND t.memory_seq = m.seq)");
                    Add(cmd, $"@tag{i}", filter.Tags[i]);
                }
            }
            else if (filter.Tags.Count == 1)
            {
                sb.Append(" AND EXISTS (SELECT 1 FROM memory_tags t WHERE t.tag = @tag0 AND t.memory_seq = m.seq)");
                Add(cmd, "@tag0", filter.Tags[0]);
            }
            else
            {
                sb.Append(" AND EXISTS (SELECT 1 FROM memory_tags t WHERE t.tag IN (SELECT value FROM json_each(@tags)) AND t.memory_seq = m.seq)");
                Add(cmd, "@tags", TagsJson.Write(filter.Tags));
            }
        }

        if (filter.MetadataJson is not null)
        {
            sb.Append(" AND memory_json_contains(m.metadata, @meta)");
            Add(cmd, "@meta", filter.MetadataJson);
        }

        AppendSourceAndTimeFilters(sb, cmd, filter);
        return sb.ToString();
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

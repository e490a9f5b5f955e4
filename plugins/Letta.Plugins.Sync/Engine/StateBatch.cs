using Microsoft.Data.Sqlite;

namespace Letta.Plugins.Sync.Engine;

/// <summary>
/// Row writes grouped into short transactions. A path is recorded after its file operation completed; rows are
/// committed in small groups for speed, which keeps the crash invariant: a path applied but not yet recorded
/// shows up next run as "changed on both sides, identical" and converges without a conflict.
/// </summary>
internal sealed class StateBatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _category;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private SqliteTransaction? _transaction;

    public StateBatch(SqliteConnection connection, string category)
    {
        _connection = connection;
        _category = category;
        _upsert = connection.CreateCommand();
        _upsert.CommandText = """
            INSERT INTO files(category, path, has_base, sha, size, mtime_ns, blob, version, author, deleted, deleted_at, l_size, l_mtime_ns, l_file_id, l_sha)
            VALUES($c, $p, $hb, $sha, $size, $mt, $blob, $ver, $auth, $del, $dat, $ls, $lm, $lf, $lsha)
            ON CONFLICT(category, path) DO UPDATE SET has_base = excluded.has_base, sha = excluded.sha, size = excluded.size,
                mtime_ns = excluded.mtime_ns, blob = excluded.blob, version = excluded.version, author = excluded.author,
                deleted = excluded.deleted, deleted_at = excluded.deleted_at, l_size = excluded.l_size,
                l_mtime_ns = excluded.l_mtime_ns, l_file_id = excluded.l_file_id, l_sha = excluded.l_sha
            """;
        foreach (string name in new[] { "$c", "$p", "$hb", "$sha", "$size", "$mt", "$blob", "$ver", "$auth", "$del", "$dat", "$ls", "$lm", "$lf", "$lsha" })
        {
            _upsert.Parameters.Add(new SqliteParameter(name, null));
        }

        _delete = connection.CreateCommand();
        _delete.CommandText = "DELETE FROM files WHERE category = $c AND path = $p";
        _delete.Parameters.Add(new SqliteParameter("$c", category));
        _delete.Parameters.Add(new SqliteParameter("$p", null));
    }

    public int Pending { get; private set; }

    /// <summary>Every row written (null: deleted), so a long-lived engine can update its in-memory copy of the state.</summary>
    public Dictionary<string, StateRow?> Changes { get; } = new(StringComparer.Ordinal);

    public void Upsert(StateRow row)
    {
        EnsureTransaction();
        SqliteParameterCollection p = _upsert.Parameters;
        p[0].Value = _category;
        p[1].Value = row.Path;
        p[2].Value = row.HasBase ? 1 : 0;
        p[3].Value = (object?)row.Sha ?? DBNull.Value;
        p[4].Value = row.Size;
        p[5].Value = row.MtimeNs;
        p[6].Value = (object?)row.Blob ?? DBNull.Value;
        p[7].Value = (object?)row.VersionText ?? DBNull.Value;
        p[8].Value = (object?)row.Author ?? DBNull.Value;
        p[9].Value = row.Deleted ? 1 : 0;
        p[10].Value = row.DeletedAt;
        p[11].Value = row.LocalSize;
        p[12].Value = row.LocalMtimeNs;
        p[13].Value = row.LocalFileId;
        p[14].Value = (object?)row.LocalSha ?? DBNull.Value;
        _upsert.Transaction = _transaction;
        _upsert.ExecuteNonQuery();
        Changes[row.Path] = row;
        Pending++;
    }

    public void Delete(string path)
    {
        EnsureTransaction();
        _delete.Parameters[1].Value = path;
        _delete.Transaction = _transaction;
        _delete.ExecuteNonQuery();
        Changes[path] = null;
        Pending++;
    }

    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
        Pending = 0;
    }

    public void Dispose()
    {
        // Rows not committed are simply lost, exactly as in a crash; the next run converges.
        _transaction?.Dispose();
        _upsert.Dispose();
        _delete.Dispose();
    }

    private void EnsureTransaction() => _transaction ??= _connection.BeginTransaction();
}

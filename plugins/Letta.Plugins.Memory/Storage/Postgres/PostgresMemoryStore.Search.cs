using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Search;
using Npgsql;
using NpgsqlTypes;

namespace Letta.Plugins.Memory.Storage.Postgres;

internal sealed partial class PostgresMemoryStore
{
    private const string HeadlineOptions = "StartSel=\"[\", StopSel=\"]\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    /// <summary>
    /// The search SQL (public for the benchmark's raw-SQL baseline). Ranking runs over the matches; the headline,
    /// which re-parses the text, runs only on the page that is returned.
    /// </summary>
    public static string SearchSql(string filterSql) =>
        "SELECT s.id, s.title, '' AS content, s.tags, s.metadata, s.source, s.created_at, s.updated_at, s.version, " +
        $"ts_headline('english', s.content, q.query, '{HeadlineOptions}') AS snippet, s.rank " +
        "FROM (SELECT m.id, m.title, m.content, m.tags, m.metadata, m.source, m.created_at, m.updated_at, m.version, " +
        "ts_rank_cd(m.search_vector, q.query) AS rank " +
        "FROM memories m, (SELECT to_tsquery('english', @q) AS query) q " +
        $"WHERE m.search_vector @@ q.query{filterSql} ORDER BY rank DESC, m.id LIMIT @limit OFFSET @offset) s, " +
        "(SELECT to_tsquery('english', @q) AS query) q ORDER BY s.rank DESC, s.id";

    public override async Task<SearchResult> SearchAsync(SearchQuery query, MemoryFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var conn = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = SearchSql(RenderFilter(filter, cmd));
        cmd.Parameters.Add(new NpgsqlParameter("@q", NpgsqlDbType.Text) { Value = TsQueryRenderer.Render(query) });
        cmd.Parameters.Add(new NpgsqlParameter("@limit", NpgsqlDbType.Integer) { Value = limit + 1 });
        cmd.Parameters.Add(new NpgsqlParameter("@offset", NpgsqlDbType.Integer) { Value = offset });
        var hits = new List<SearchHitRecord>(Math.Min(limit + 1, 256));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHitRecord(ReadRecord(r), r.GetString(9), r.GetFloat(10)));
        }

        var more = hits.Count > limit;
        if (more)
        {
            hits.RemoveAt(hits.Count - 1);
        }

        return new SearchResult(hits, more);
    }

    public override async Task<IReadOnlySet<string>> FindKnownIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return known;
        }

        await using var conn = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT id FROM memories WHERE id = ANY(@ids) UNION SELECT memory_id FROM memory_history WHERE memory_id = ANY(@ids)", conn);
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            known.Add(r.GetString(0));
        }

        return known;
    }

    public override async Task InsertBatchAsync(IReadOnlyList<MemoryRecord> batch, CancellationToken cancellationToken)
    {
        await using var conn = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY memories (id, title, content, tags, metadata, source, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var m in batch)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(m.Id, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(m.Title, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(m.Content, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(m.Tags as string[] ?? m.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(m.MetadataJson, NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(writer, m.Source, cancellationToken);
                await writer.WriteAsync(m.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(m.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(m.Version, NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    public override async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        // VACUUM also merges the GIN pending lists a bulk COPY leaves behind (every search scans them until then)
        // and refreshes the statistics. It cannot run inside a transaction, so one statement per command.
        await using var conn = await DataSource.OpenConnectionAsync(cancellationToken);
        foreach (var table in new[] { "memories", "memory_history" })
        {
            await using var cmd = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>PostgreSQL takes two import batches at once, one backend (core) each.</summary>
    public override int ImportParallelism => 2;
}

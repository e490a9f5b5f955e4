using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Search;

namespace Letta.Plugins.Memory.Storage.Sqlite;

internal sealed partial class SqliteMemoryStore
{
    /// <summary>bm25 column weights: a match in the title counts four times one in the content; tags do not rank.</summary>
    private const string Bm25 = "bm25(memory_fts, 4.0, 1.0, 0.0)";

    /// <summary>The search SQL (public for the benchmark's raw-SQL baseline); the filter goes where <c>{0}</c> is.</summary>
    public static string SearchSql(string filterSql) =>
        "SELECT m.id, m.title, '' AS content, m.tags, m.metadata, m.source, m.created_at, m.updated_at, m.version, " +
        $"snippet(memory_fts, 1, '[', ']', '…', 24) AS snippet, {Bm25} AS score " +
        "FROM memory_fts JOIN memories m ON m.seq = memory_fts.rowid " +
        $"WHERE memory_fts MATCH @q{filterSql} ORDER BY score, m.id LIMIT @limit OFFSET @offset";

    public override async Task<SearchResult> SearchAsync(SearchQuery query, MemoryFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var conn = await OpenConnectionAsync(cancellationToken, filter.MetadataJson is not null);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = SearchSql(RenderFilter(filter, cmd));
        Add(cmd, "@q", Fts5QueryRenderer.Render(query, filter.Tags, filter.AllTags));
        Add(cmd, "@limit", limit + 1);
        Add(cmd, "@offset", offset);
        var hits = new List<SearchHitRecord>(Math.Min(limit + 1, 256));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHitRecord(ReadRecord(r), r.GetString(9), -r.GetDouble(10)));
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

        await using var conn = await OpenConnectionAsync(cancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT id FROM memories WHERE id IN (SELECT value FROM json_each(@ids)) UNION SELECT memory_id FROM memory_history WHERE memory_id IN (SELECT value FROM json_each(@ids))";
        Add(cmd, "@ids", TagsJson.Write(ids.ToList()));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            known.Add(r.GetString(0));
        }

        return known;
    }

    public override async Task InsertBatchAsync(IReadOnlyList<MemoryRecord> batch, CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken);

        // One statement prepared once per batch and re-bound per row: preparing per row costs more than the insert.
        await using var insert = scope.Command(
            "INSERT INTO memories (id, title, content, tags, metadata, source, created_at, updated_at, version) " +
            "VALUES (@id, @title, @content, @tags, @metadata, @source, @created_at, @updated_at, @version)");
        var insertParams = Bind(insert);
        insert.Prepare();
        foreach (var memory in batch)
        {
            Set(insertParams, memory);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
    }

    private static System.Data.Common.DbParameter[] Bind(System.Data.Common.DbCommand cmd)
    {
        string[] names = ["@id", "@title", "@content", "@tags", "@metadata", "@source", "@created_at", "@updated_at", "@version"];
        var parameters = new System.Data.Common.DbParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = cmd.CreateParameter();
            parameters[i].ParameterName = names[i];
            parameters[i].Value = DBNull.Value;
            cmd.Parameters.Add(parameters[i]);
        }

        return parameters;
    }

    private static void Set(System.Data.Common.DbParameter[] p, MemoryRecord m)
    {
        p[0].Value = m.Id;
        p[1].Value = m.Title;
        p[2].Value = m.Content;
        p[3].Value = TagsJson.Write(m.Tags);
        p[4].Value = m.MetadataJson;
        p[5].Value = (object?)m.Source ?? DBNull.Value;
        p[6].Value = MemoryTime.ToMicros(m.CreatedAt);
        p[7].Value = MemoryTime.ToMicros(m.UpdatedAt);
        p[8].Value = m.Version;
    }

    public override async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await using var conn = await OpenConnectionAsync(cancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA optimize;";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Letta.Plugins.Memory.Options;
using Letta.Plugins.Memory.Storage.Postgres;
using Letta.Plugins.Memory.Storage.Sqlite;
using Letta.Testing;
using Letta.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>
/// One provider: start the real host (memory plugin only) over HTTP, import the corpus through REST, then time each
/// query through REST and as the identical SQL run directly on the same database (pooled connection, same
/// parameters, every column read).
/// </summary>
internal static class ProviderBench
{
    private const int SearchLimit = 20;
    private const int ListLimit = 50;

    public static async Task<ProviderResult> RunAsync(string provider, int count, int iterations, string pluginsDirectory, bool tunedBaseline)
    {
        TempPostgresCluster? cluster = null;
        string? connectionString = null;
        if (provider == "postgres")
        {
            cluster = await TempPostgresCluster.StartAsync(new TempPostgresOptions
            {
                Durable = true,
                Settings = new Dictionary<string, string> { ["shared_buffers"] = "1GB", ["max_wal_size"] = "4GB" },
            });
            connectionString = await cluster.CreateDatabaseAsync("bench");
        }

        try
        {
            var pluginsJson = connectionString is null
                ? null
                : "{\"plugins\":{\"memory\":{\"enabled\":true,\"settings\":{\"ConnectionString\":" + JsonSerializer.Serialize(connectionString) + "}}}}";
            await using var host = await LettaHostProcess.StartAsync(new LettaHostOptions { PluginsDirectory = pluginsDirectory, PluginsJson = pluginsJson });
            using var http = host.CreateClient();
            http.Timeout = Timeout.InfiniteTimeSpan;

            var postmaster = cluster?.LogFile is { } log
                ? int.Parse(File.ReadLines(Path.Combine(Path.GetDirectoryName(log)!, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            (double Host, double Db) ServerCpu() => (CpuMeter.ProcessSeconds(host.ProcessId), postmaster == 0 ? 0 : CpuMeter.ProcessTreeSeconds(postmaster));
            var generator = new CorpusGenerator();
            var corpus = generator.NextNdjson(count);
            using var client = Process.GetCurrentProcess();
            var clientCpuBefore = client.TotalProcessorTime;
            var cpuBefore = ServerCpu();
            Console.Error.WriteLine($"[{provider}] importing {count:N0} memories through POST /api/memory/import …");
            var clock = Stopwatch.StartNew();
            using var content = new ByteArrayContent(corpus);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync("api/memory/import", content);
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            var cpuAfter = ServerCpu();
            client.Refresh();
            var clientCpu = (client.TotalProcessorTime - clientCpuBefore).TotalSeconds;
            var importCpu = (Host: cpuAfter.Host - cpuBefore.Host, Db: cpuAfter.Db - cpuBefore.Db);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Import failed: {(int)response.StatusCode} {body}\n{host.Output}");
            }

            using var outcome = JsonDocument.Parse(body);
            var imported = outcome.RootElement.GetProperty("imported").GetInt64();
            var failed = outcome.RootElement.GetProperty("failedCount").GetInt64();
            Console.Error.WriteLine($"[{provider}] imported {imported:N0} in {clock.Elapsed.TotalSeconds:F1} s");
            if (connectionString is not null)
            {
                // The plugin vacuums after the response (off the request path); queries are timed on the settled
                // table, as before, so the wait is reported but not counted in the import rate.
                var settle = Stopwatch.StartNew();
                await WaitForVacuumAsync(connectionString);
                var cpuSettled = ServerCpu();
                Console.Error.WriteLine($"[{provider}] background VACUUM (ANALYZE) done {settle.Elapsed.TotalSeconds:F1} s after the response; DB CPU incl. vacuum {cpuSettled.Db - cpuBefore.Db:F1} s");
            }

            Console.Error.WriteLine($"[{provider}] measuring queries …");

            var tag = CorpusGenerator.FilterTag;
            var queries = new List<QueryResult>();
            var raw = provider == "postgres"
                ? (IRawQueries)new PostgresRaw(tunedBaseline ? PostgresMemoryStore.WithDefaults(connectionString!) : connectionString!)
                : new SqliteRaw(Path.Combine(host.HomeDirectory, "plugins", "memory", "memory.db"), tunedBaseline ? new MemoryOptions().SqliteMmapBytes : 0);
            await using (raw as IAsyncDisposable)
            {
                foreach (var (name, term) in new[] { ("search common + tag", generator.CommonTerm), ("search rare + tag", generator.RareTerm) })
                {
                    var url = $"api/memory/search?q={Uri.EscapeDataString(term)}&tag={tag}&limit={SearchLimit}";
                    queries.Add(await CompareAsync($"{name} ('{term}')", http, url, () => raw.SearchAsync(term, tag, SearchLimit + 1), iterations));
                }

                queries.Add(await CompareAsync($"list by tag ('{tag}')", http, $"api/memory/memories?tag={tag}&limit={ListLimit}", () => raw.ListAsync(tag, ListLimit + 1), iterations));
            }

            return new ProviderResult(provider, imported, failed, clock.Elapsed, importCpu.Host, importCpu.Db, clientCpu, queries);
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Waits until the plugin's background <c>VACUUM (ANALYZE)</c> has processed memory_history, its last table (a fresh
    /// cluster has never been vacuumed by hand, so any manual vacuum time means the plugin's has finished).
    /// </summary>
    private static async Task WaitForVacuumAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'memory_history'", conn);
        var deadline = Stopwatch.StartNew();
        while (await cmd.ExecuteScalarAsync() is not true)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The plugin's background vacuum did not finish within 10 minutes.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<QueryResult> CompareAsync(string name, HttpClient http, string url, Func<Task<int>> rawQuery, int iterations)
    {
        var restRows = 0;
        var rawRows = 0;
        var (rest, rawLatency) = await Latency.MeasurePairAsync(
            async () =>
            {
                using var response = await http.GetAsync(url);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
                }

                if (restRows == 0)
                {
                    using var doc = JsonDocument.Parse(bytes);
                    restRows = doc.RootElement.GetProperty("items").GetArrayLength();
                }
            },
            async () => rawRows = await rawQuery(),
            iterations);
        return new QueryResult(name, rest, rawLatency, restRows, rawRows);
    }

    private interface IRawQueries
    {
        Task<int> SearchAsync(string term, string tag, int limit);

        Task<int> ListAsync(string tag, int limit);
    }

    private static async Task<int> DrainAsync(System.Data.Common.DbDataReader reader)
    {
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// The plugin's SQL text on a plain pooled Npgsql data source: unprepared by default, or with the plugin's own
    /// connection defaults (<c>--tuned-baseline</c>: automatic preparation), so the REST overhead can be read against either.
    /// </summary>
    private sealed class PostgresRaw(string connectionString) : IRawQueries, IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

        public async Task<int> SearchAsync(string term, string tag, int limit)
        {
            await using var conn = await _dataSource.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(PostgresMemoryStore.SearchSql(" AND m.tags && @tags"), conn);
            cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { tag } });
            cmd.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = $"('{term}':*)" });
            cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
            cmd.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = 0 });
            await using var reader = await cmd.ExecuteReaderAsync();
            return await DrainAsync(reader);
        }

        public async Task<int> ListAsync(string tag, int limit)
        {
            await using var conn = await _dataSource.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT m.id, m.title, m.content, m.tags, m.metadata, m.source, m.created_at, m.updated_at, m.version FROM memories m " +
                "WHERE TRUE AND m.tags && @tags ORDER BY m.created_at DESC, m.id DESC LIMIT @limit", conn);
            cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { tag } });
            cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
            await using var reader = await cmd.ExecuteReaderAsync();
            return await DrainAsync(reader);
        }

        public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
    }

    /// <summary>
    /// The plugin's SQL text on a plain pooled SQLite connection to the host's database file; with
    /// <c>--tuned-baseline</c>, read through the plugin's memory map too.
    /// </summary>
    private sealed class SqliteRaw(string path, long mmapBytes) : IRawQueries
    {
        private const string TagFilter = " AND EXISTS (SELECT 1 FROM memory_tags t WHERE t.tag = @tag0 AND t.memory_seq = m.seq)";
        private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

        private async Task<SqliteConnection> OpenAsync()
        {
            var conn = new SqliteConnection(_connectionString);
            await conn.OpenAsync();
            if (mmapBytes > 0)
            {
                await using var pragma = conn.CreateCommand();
                pragma.CommandText = $"PRAGMA mmap_size = {mmapBytes};";
                await pragma.ExecuteNonQueryAsync();
            }

            return conn;
        }

        public async Task<int> SearchAsync(string term, string tag, int limit)
        {
            await using var conn = await OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = SqliteMemoryStore.SearchSql(TagFilter);
            cmd.Parameters.AddWithValue("@tag0", tag);
            cmd.Parameters.AddWithValue("@q", $"{{title content}} : (((\"{term}\"*))) AND {{tags}} : (\"{tag.Replace('-', ' ')}\")");
            cmd.Parameters.AddWithValue("@limit", limit);
            cmd.Parameters.AddWithValue("@offset", 0);
            await using var reader = await cmd.ExecuteReaderAsync();
            return await DrainAsync(reader);
        }

        public async Task<int> ListAsync(string tag, int limit)
        {
            await using var conn = await OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText =
                "SELECT m.id, m.title, m.content, m.tags, m.metadata, m.source, m.created_at, m.updated_at, m.version FROM memories m " +
                $"WHERE TRUE{TagFilter} ORDER BY m.created_at DESC, m.id DESC LIMIT @limit";
            cmd.Parameters.AddWithValue("@tag0", tag);
            cmd.Parameters.AddWithValue("@limit", limit);
            await using var reader = await cmd.ExecuteReaderAsync();
            return await DrainAsync(reader);
        }
    }
}

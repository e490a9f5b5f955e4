using System.Text;
using Letta.Plugins.Memory.Hosting;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Service;
using Letta.Plugins.Memory.Tests.Support;
using Npgsql;

namespace Letta.Plugins.Memory.Tests.Contract;

/// <summary>
/// A large import answers before its <c>VACUUM (ANALYZE)</c>: the data is searchable at once, the vacuum still runs
/// (in the background) and stopping the plugin while it may be running is clean.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresImportVacuumTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task Import_LargeImport_SearchableAtOnceAndVacuumedInBackground()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("memvacuum");
        var ndjson = new StringBuilder();
        for (var i = 0; i < MemoryImporter.OptimizeAfterImported; i++)
        {
            ndjson.Append("{\"content\":\"bulk row ").Append(i).Append(i == 7 ? " quokka" : string.Empty).Append("\",\"tags\":[\"bulk\"]}\n");
        }

        await using (var host = await MemoryTestHost.StartAsync(new Dictionary<string, string?> { ["ConnectionString"] = connectionString }))
        {
            var outcome = await host.WithImporterAsync(i => i.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson.ToString())), CancellationToken.None));
            outcome.Imported.ShouldBe(MemoryImporter.OptimizeAfterImported);

            var (items, _) = await host.WithServiceAsync(s => s.SearchAsync("quokka", new MemoryFilter { Tags = ["bulk"] }, null, 10, CancellationToken.None));
            items.Single().Snippet.ShouldContain("quokka");

            // Waits for a condition, not a duration: the vacuum of a fresh database sets last_vacuum once done.
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('memories', 'memory_history') AND last_vacuum IS NOT NULL", conn);
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while ((long)(await cmd.ExecuteScalarAsync(patience.Token))! < 2)
            {
                await Task.Delay(50, patience.Token);
            }
        }

        // A second host on the same database: the first one's container disposal left nothing half-done.
        await using var again = await MemoryTestHost.StartAsync(new Dictionary<string, string?> { ["ConnectionString"] = connectionString });
        (await again.Store.FindKnownIdsAsync(["none"], CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Dispose_DuringBackgroundVacuum_StopsCleanly()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("memvacstop");
        var host = await MemoryTestHost.StartAsync(new Dictionary<string, string?> { ["ConnectionString"] = connectionString });
        await using (host)
        {
            await host.WithServiceAsync(s => s.CreateAsync(new MemoryInput { Content = "one" }, CancellationToken.None));
            var optimizer = (ImportOptimizer)host.Services.GetService(typeof(ImportOptimizer))!;
            optimizer.Request();
            optimizer.Request(); // coalesces into at most one more run
        }

        // Disposal cancelled or awaited the runs; the store is disposed, and nothing was left throwing.
    }
}

using System.Net;
using Letta.Plugins.Memory.Tests.Support;
using Npgsql;
using static Letta.Plugins.Memory.Tests.EndToEnd.HttpJson;

namespace Letta.Plugins.Memory.Tests.EndToEnd;

/// <summary>Putting a connection string in plugins.json switches the real host's memory store to PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresSwitchEndToEndTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task ConnectionStringInPluginsJson_StoresInPostgres()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("e2e");
        var pluginsJson = """
            {"plugins":{"memory":{"enabled":true,"settings":{"ConnectionString":"${env:LETTA_E2E_MEMORY_DB}"}}}}
            """;
        await using var host = await LettaHostProcess.StartAsync(new LettaHostOptions
        {
            PluginIds = ["memory"],
            PluginsJson = pluginsJson,
            Environment = new Dictionary<string, string> { ["LETTA_E2E_MEMORY_DB"] = connectionString },
        });
        using var http = host.CreateClient();

        using var created = await http.PostAsync("api/memory/memories", Body("""{"content":"Postgres stores this pelican fact.","tags":["pg"]}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync() + host.Output);
        using var found = await http.GetAsync("api/memory/search?q=pelican&tag=pg");
        (await ReadAsync(found)).GetProperty("items").GetArrayLength().ShouldBe(1);
        using var bad = await http.GetAsync("api/memory/search?q=%22");
        await ShouldBeValidationProblemAsync(bad, "q");

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM memories WHERE search_vector @@ to_tsquery('english', 'pelican')", conn);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(1);
    }
}

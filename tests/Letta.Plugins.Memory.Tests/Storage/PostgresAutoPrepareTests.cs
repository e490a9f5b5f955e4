using Letta.Plugins.Memory.Storage.Postgres;
using Letta.Plugins.Memory.Tests.Support;
using Npgsql;

namespace Letta.Plugins.Memory.Tests.Storage;

/// <summary>The PostgreSQL store prepares its hot statements automatically unless the connection string says not to.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAutoPrepareTests(PostgresClusterFixture fixture)
{
    [Fact]
    public void WithAutoPrepare_NotInConnectionString_TurnsItOn() =>
        new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithAutoPrepare("Host=127.0.0.1;Username=u;Password=p;Database=d"))
            .MaxAutoPrepare.ShouldBe(PostgresMemoryStore.DefaultMaxAutoPrepare);

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0", 0)]
    [InlineData("Host=h;MaxAutoPrepare=5", 5)]
    [InlineData("Host=h;max auto prepare=7", 7)]
    public void WithAutoPrepare_SetByUser_KeepsTheirValue(string connectionString, int expected) =>
        new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithAutoPrepare(connectionString)).MaxAutoPrepare.ShouldBe(expected);

    [Fact]
    public void WithAutoPrepare_Password_IsKept() =>
        new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithAutoPrepare("Host=h;Username=u;Password=s3cret"))
            .Password.ShouldBe("s3cret");

    [Fact]
    public async Task DataSource_RepeatedStatement_IsPreparedOnTheServer()
    {
        await using var store = new PostgresMemoryStore(await fixture.Cluster.CreateDatabaseAsync("memprep"));
        await store.MigrateAsync(CancellationToken.None);
        await using var conn = await store.DataSource.OpenConnectionAsync();

        for (var i = 0; i < 6; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM memories WHERE tags && @tags", conn);
            cmd.Parameters.AddWithValue("tags", new[] { "t" });
            await cmd.ExecuteScalarAsync();
        }

        await using var check = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM memories WHERE tags%'", conn);
        ((long)(await check.ExecuteScalarAsync())!).ShouldBe(1);
    }
}

using Letta.Plugins.Memory.Storage.Postgres;
using Letta.Plugins.Memory.Tests.Support;
using Npgsql;

namespace Letta.Plugins.Memory.Tests.Storage;

/// <summary>
/// The PostgreSQL store fills in its connection defaults (automatic preparation, a larger write buffer) only where the
/// user's connection string is silent.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresConnectionDefaultsTests(PostgresClusterFixture fixture)
{
    private static readonly string[] OneTag = ["t"];

    [Fact]
    public void WithDefaults_NotInConnectionString_FillsThemIn()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithDefaults("Host=127.0.0.1;Username=u;Password=p;Database=d"));

        tuned.MaxAutoPrepare.ShouldBe(PostgresMemoryStore.DefaultMaxAutoPrepare);
        tuned.WriteBufferSize.ShouldBe(PostgresMemoryStore.DefaultWriteBufferSize);
        tuned.Database.ShouldBe("d");
    }

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0", 0)]
    [InlineData("Host=h;MaxAutoPrepare=5", 5)]
    [InlineData("Host=h;max auto prepare=7", 7)]
    public void WithDefaults_AutoPrepareSetByUser_KeepsTheirValue(string connectionString, int expected) =>
        new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithDefaults(connectionString)).MaxAutoPrepare.ShouldBe(expected);

    [Fact]
    public void WithDefaults_WriteBufferSetByUser_KeepsTheirValue() =>
        new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithDefaults("Host=h;Write Buffer Size=16384")).WriteBufferSize.ShouldBe(16384);

    [Fact]
    public void WithDefaults_Password_IsKept() =>
        new NpgsqlConnectionStringBuilder(PostgresMemoryStore.WithDefaults("Host=h;Username=u;Password=s3cret"))
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
            cmd.Parameters.AddWithValue("tags", OneTag);
            await cmd.ExecuteScalarAsync();
        }

        await using var check = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM memories WHERE tags%'", conn);
        ((long)(await check.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Fact]
    public async Task OptimizeAsync_RunMoreOftenThanThePrepareThreshold_KeepsWorking()
    {
        // VACUUM cannot run in a transaction block; once auto-prepared it must still run as a plain statement.
        await using var store = new PostgresMemoryStore(await fixture.Cluster.CreateDatabaseAsync("memvac"));
        await store.MigrateAsync(CancellationToken.None);

        for (var i = 0; i < 8; i++)
        {
            await store.OptimizeAsync(CancellationToken.None);
        }

        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'memories'", conn);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBeGreaterThanOrEqualTo(1);
    }
}

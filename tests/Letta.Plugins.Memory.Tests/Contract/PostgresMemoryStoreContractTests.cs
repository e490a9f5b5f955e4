using Letta.Plugins.Memory.Tests.Support;

namespace Letta.Plugins.Memory.Tests.Contract;

/// <summary>The contract suite on PostgreSQL: a fresh database per test on the shared throw-away cluster.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresMemoryStoreContractTests(PostgresClusterFixture fixture) : MemoryStoreContractTests
{
    protected override string ExpectedProvider => "postgres";

    protected override async Task<Dictionary<string, string?>> SettingsAsync() =>
        new() { ["ConnectionString"] = await fixture.Cluster.CreateDatabaseAsync("memtest") };
}

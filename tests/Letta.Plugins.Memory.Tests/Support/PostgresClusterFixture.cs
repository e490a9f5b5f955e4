using Letta.Testing.Postgres;

namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>One PostgreSQL server for the whole "postgres" collection; each test makes its own database on it.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private TempPostgresCluster? _cluster;

    public TempPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() => _cluster = await TempPostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

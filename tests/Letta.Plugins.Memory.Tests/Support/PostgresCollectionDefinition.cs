namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>Tests that share the <see cref="PostgresClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}

using Letta.Plugins.Memory.Options;
using Letta.Plugins.Memory.Storage.Postgres;
using Letta.Plugins.Memory.Storage.Sqlite;

namespace Letta.Plugins.Memory.Storage;

/// <summary>Chooses the provider from the settings: PostgreSQL with a connection string, else SQLite in the data directory.</summary>
internal static class MemoryStoreFactory
{
    public const string DefaultSqliteFile = "memory.db";

    public static IMemoryStore Create(MemoryOptions options, string dataDirectory) =>
        options.EffectiveProvider == MemoryOptions.PostgresProvider
            ? new PostgresMemoryStore(options.ConnectionString!)
            : new SqliteMemoryStore(
                string.IsNullOrWhiteSpace(options.SqlitePath)
                    ? Path.Combine(dataDirectory, DefaultSqliteFile)
                    : Path.GetFullPath(options.SqlitePath, dataDirectory),
                options.SqliteMmapBytes);
}

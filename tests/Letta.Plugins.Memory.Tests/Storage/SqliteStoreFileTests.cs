using Letta.Plugins.Memory.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Letta.Plugins.Memory.Tests.Storage;

/// <summary>The SQLite file is private to its owner, and connections read it through the configured memory map.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _directory = Directory.CreateTempSubdirectory("letta-sqlite-file-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Migrate_NewDatabase_FileAndWalAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var store = new SqliteMemoryStore(Path.Combine(_directory, "memory.db"));

        await store.MigrateAsync(CancellationToken.None);
        // SQLite deletes the WAL when its last connection closes, and tests running in parallel clear every pool;
        // an unpooled connection of our own keeps it (SQLite gives a WAL the database file's mode).
        await using var keepWal = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        await keepWal.OpenAsync();
        await using (var read = keepWal.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            await read.ExecuteScalarAsync();
        }

        File.GetUnixFileMode(store.DatabasePath).ShouldBe(OwnerOnly);
        File.GetUnixFileMode(store.DatabasePath + "-wal").ShouldBe(OwnerOnly);
    }

    [Fact]
    public async Task Migrate_ExistingWorldReadableDatabase_IsNarrowedToOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_directory, "memory.db");
        using (var first = new SqliteMemoryStore(path))
        {
            await first.MigrateAsync(CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var store = new SqliteMemoryStore(path);

        await store.MigrateAsync(CancellationToken.None);

        File.GetUnixFileMode(path).ShouldBe(OwnerOnly);
        (await store.GetSchemaVersionAsync(CancellationToken.None)).Current.ShouldBe(1);
    }

    [Theory]
    [InlineData(256L * 1024 * 1024)]
    [InlineData(0L)]
    public async Task OpenConnection_MmapSetting_IsAppliedToEveryConnection(long bytes)
    {
        using var store = new SqliteMemoryStore(Path.Combine(_directory, "memory.db"), bytes);
        await store.MigrateAsync(CancellationToken.None);

        await using var conn = await store.OpenConnectionAsync(CancellationToken.None);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA mmap_size;";

        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(bytes);
    }
}

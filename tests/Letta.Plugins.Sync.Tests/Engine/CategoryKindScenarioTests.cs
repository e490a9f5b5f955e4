using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>Databases as snapshots (§12 #38), directories as units, send-only and receive-only (#39).</summary>
public abstract class CategoryKindScenarioTests(CloudMode mode) : IDisposable
{
    public sealed class SharedCloud() : CategoryKindScenarioTests(CloudMode.Shared);

    public sealed class LaggedCloud() : CategoryKindScenarioTests(CloudMode.Lagged);

    private readonly SyncWorld _world = new(mode, seed: 12);

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Sync_SqliteInWalModeBeingWritten_ReceiverCopyPassesIntegrityCheck()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.Kind = SyncCategoryKind.Sqlite);
        SimulatedDevice b = _world.AddDevice("b", s => s.Kind = SyncCategoryKind.Sqlite);
        string db = a.Path_("app.db");
        using var writer = new SqliteConnection($"Data Source={db};Pooling=False");
        writer.Open();
        Exec(writer, "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);");
        for (int i = 0; i < 200; i++)
        {
            Exec(writer, $"INSERT INTO t(v) VALUES('row {i}')");
        }

        // The rows live in the WAL while the writer keeps the database open: a file copy would miss them.
        a.SyncOk();
        b.SyncOk();

        using var reader = new SqliteConnection($"Data Source={b.Path_("app.db")};Pooling=False");
        reader.Open();
        Scalar(reader, "PRAGMA integrity_check").ShouldBe("ok");
        Scalar(reader, "SELECT count(*) FROM t").ShouldBe(200L);
        File.Exists(b.Path_("app.db-wal")).ShouldBeFalse();

        Exec(writer, "INSERT INTO t(v) VALUES('later')");
        a.SyncOk().FilesSent.ShouldBe(1);
        reader.Close();
        b.SyncOk();
        using var reader2 = new SqliteConnection($"Data Source={b.Path_("app.db")};Pooling=False");
        reader2.Open();
        Scalar(reader2, "SELECT count(*) FROM t").ShouldBe(201L);
    }

    [Fact]
    public void Sync_SqliteUnchanged_NotSnapshottedAgain()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.Kind = SyncCategoryKind.Sqlite);
        using (var c = new SqliteConnection($"Data Source={a.Path_("x.sqlite")};Pooling=False"))
        {
            c.Open();
            Exec(c, "CREATE TABLE t(v); INSERT INTO t VALUES(1);");
        }

        File.SetLastWriteTimeUtc(a.Path_("x.sqlite"), DateTime.UtcNow.AddMinutes(-5));
        a.SyncOk();

        a.SyncOk().Hashed.ShouldBe(0);
    }

    [Fact]
    public void Sync_ExtensionDirectory_SyncedAndReplacedAsOneUnit()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.Kind = SyncCategoryKind.Unit);
        SimulatedDevice b = _world.AddDevice("b", s => s.Kind = SyncCategoryKind.Unit);
        a.Write("ext.one-1.0/package.json", "{\"v\":1}");
        a.Write("ext.one-1.0/dist/main.js", "console.log(1)");
        a.Write("ext.two-2.0/package.json", "{\"v\":2}");
        a.SyncOk().FilesSent.ShouldBe(2);
        b.SyncOk().FilesReceived.ShouldBe(2);
        b.Read("ext.one-1.0/dist/main.js").ShouldBe("console.log(1)");

        a.Write("ext.one-1.0/dist/main.js", "console.log(2)");
        a.Write("ext.one-1.0/dist/extra.js", "extra");
        a.SyncOk().FilesSent.ShouldBe(1);
        SyncRunResult r = b.SyncOk();

        r.FilesReceived.ShouldBe(1);
        b.Read("ext.one-1.0/dist/main.js").ShouldBe("console.log(2)");
        b.Read("ext.one-1.0/dist/extra.js").ShouldBe("extra");
        b.SyncOk().Hashed.ShouldBe(0);
    }

    [Fact]
    public void Sync_UnitReplacementInterruptedBetweenRenames_RecoveredNextRun()
    {
        SimulatedDevice a = _world.AddDevice("a", s => s.Kind = SyncCategoryKind.Unit);
        SimulatedDevice b = _world.AddDevice("b", s => s.Kind = SyncCategoryKind.Unit);
        a.Write("ext/a.txt", "1");
        a.Write("other/b.txt", "keep");
        a.SyncOk();
        b.SyncOk();
        a.Write("ext/a.txt", "2");
        a.SyncOk();

        // Simulate a kill after the old unit was renamed aside but before the new one was renamed in.
        string aside = Path.Combine(b.Folder, $".ext.old-{Guid.NewGuid():N}{SyncPaths.LocalTempSuffix}");
        Directory.Move(b.Path_("ext"), aside);

        b.SyncOk().FilesDeleted.ShouldBe(0);
        b.Read("ext/a.txt").ShouldBe("2");
        a.SyncOk();
        a.Read("ext/a.txt").ShouldBe("2");
    }

    [Fact]
    public void Sync_SendOnly_RemoteEditsIndexedNotAppliedAndLocalOverrides()
    {
        SimulatedDevice primary = _world.AddDevice("primary", s => s.Direction = SyncDirection.SendOnly);
        SimulatedDevice other = _world.AddDevice("other");
        primary.Write("keep.md", "keep");
        primary.Write("settings.json", "{\"a\":1}");
        primary.SyncOk();
        other.SyncOk();
        other.Write("settings.json", "{\"a\":2}");
        other.SyncOk();

        SyncRunResult r = primary.SyncOk();

        r.Plan.Single(p => p.Key == "settings.json").Action.ShouldBe(PlanAction.RemoteNotApplied);
        primary.Read("settings.json").ShouldBe("{\"a\":1}");
        primary.Write("settings.json", "{\"a\":3}");
        primary.SyncOk();
        other.SyncOk();
        other.Read("settings.json").ShouldBe("{\"a\":3}");
        other.AllContentEverywhere().ShouldContain("{\"a\":2}");
    }

    [Fact]
    public void Sync_ReceiveOnly_LocalEditsUnpublishedAndClusterChangeWinsKeepingLocalCopy()
    {
        SimulatedDevice source = _world.AddDevice("source");
        SimulatedDevice mirror = _world.AddDevice("mirror", s => s.Direction = SyncDirection.ReceiveOnly);
        source.Write("keep.md", "keep");
        source.Write("db.md", "v1");
        source.SyncOk();
        mirror.SyncOk();
        mirror.Write("db.md", "local tweak", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        SyncRunResult r = mirror.SyncOk();
        r.Plan.Single(p => p.Key == "db.md").Action.ShouldBe(PlanAction.LocalUnpublished);
        source.SyncOk();
        source.Read("db.md").ShouldBe("v1");

        source.Write("db.md", "v2", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        source.SyncOk();
        mirror.SyncOk();

        mirror.Read("db.md").ShouldBe("v2");
        mirror.Snapshot().Values.ShouldContain("local tweak");
        source.SyncOk();
        source.Snapshot().Values.ShouldNotContain("local tweak");
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}

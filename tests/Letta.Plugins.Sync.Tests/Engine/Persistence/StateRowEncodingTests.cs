using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Tests.Engine.Persistence;

/// <summary>state.db stores <c>blob</c> and <c>l_sha</c> as NULL when they equal <c>sha</c>: every shape reads back as written.</summary>
public sealed class StateRowEncodingTests : IDisposable
{
    private const string Sha = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Other = "2222222222222222222222222222222222222222222222222222222222222222";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "letta-state-encoding-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    public static TheoryData<string, string?, string?, string?, long> Shapes() => new()
    {
        // name, sha, blob, local sha, local size
        { "plain file, cache same as base", Sha, Sha, Sha, 10 },
        { "unit directory, blob differs", Sha, Other, Sha, 10 },
        { "local hash differs from base", Sha, Sha, Other, 10 },
        { "base without local cache", Sha, Sha, null, -1 },
        { "racy cache kept with size -1", Sha, Sha, Sha, -1 },
        { "tombstone", null, null, null, -1 },
        { "local cache only, no base", null, null, Other, 10 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Upsert_EveryRowShape_LoadsBackUnchanged(string name, string? sha, string? blob, string? localSha, long localSize)
    {
        var row = new StateRow
        {
            Path = "dir/" + name + ".md",
            HasBase = sha is not null || name == "tombstone",
            Sha = sha,
            Size = 10,
            MtimeNs = 20,
            Blob = blob,
            VersionText = "ABCDEFGHIJKLM:1",
            Author = "ABCDEFGHIJKLM",
            Deleted = name == "tombstone",
            DeletedAt = name == "tombstone" ? 30 : 0,
            LocalSize = localSize,
            LocalMtimeNs = 40,
            LocalFileId = 50,
            LocalSha = localSha,
        };

        StateRow loaded = WriteAndLoad(row);

        loaded.ShouldBeEquivalentTo(row);
    }

    [Fact]
    public void Upsert_BlobAndLocalShaEqualToSha_StoredAsNull()
    {
        WriteAndLoad(new StateRow { Path = "a.md", HasBase = true, Sha = Sha, Blob = Sha, LocalSha = Sha, LocalSize = 1 });

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + StateStore.PathIn(_dir));
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT blob IS NULL, l_sha IS NULL, length(sha) FROM files WHERE path = 'a.md'";
        using var r = cmd.ExecuteReader();
        r.Read().ShouldBeTrue();
        r.GetInt64(0).ShouldBe(1);
        r.GetInt64(1).ShouldBe(1);
        r.GetInt64(2).ShouldBe(64);
    }

    private StateRow WriteAndLoad(StateRow row)
    {
        using (StateStore store = StateStore.Open(_dir))
        using (StateBatch batch = store.BeginBatch("memories"))
        {
            batch.Upsert(row);
            batch.Commit();
        }

        using (StateStore store = StateStore.Open(_dir))
        {
            return store.LoadCategory("memories")[row.Path];
        }
    }
}

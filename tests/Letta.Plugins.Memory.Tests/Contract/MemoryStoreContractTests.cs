using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Service;
using Letta.Plugins.Memory.Tests.Support;

namespace Letta.Plugins.Memory.Tests.Contract;

/// <summary>
/// One behaviour suite for every provider: each concrete subclass only says how to reach its database. A test that
/// passes on one provider and fails on the other is a bug in the provider, not in the test.
/// </summary>
public abstract partial class MemoryStoreContractTests : IAsyncLifetime
{
    private MemoryTestHost? _host;

    protected abstract string ExpectedProvider { get; }

    private protected MemoryTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync()
    {
        var settings = await SettingsAsync();
        settings.TryAdd("MaxContentLength", "2000");
        settings.TryAdd("MaxTags", "5");
        settings.TryAdd("MaxTagLength", "20");
        settings.TryAdd("ImportBatchSize", "3");
        _host = await MemoryTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private protected Task<T> Svc<T>(Func<MemoryService, Task<T>> action) => Host.WithServiceAsync(action);

    private protected Task<T> Imp<T>(Func<MemoryImporter, Task<T>> action) => Host.WithImporterAsync(action);

    private protected Task<MemoryRecord> AddAsync(string content, string? title = null, string[]? tags = null, string? metadata = null, string? source = null) =>
        Svc(s => s.CreateAsync(MemoryInput.Of(content, title, tags, metadata, source), CancellationToken.None));

    private protected static async Task<MemoryValidationException> ShouldFailOnAsync(string field, Func<Task> action)
    {
        var ex = await Should.ThrowAsync<MemoryValidationException>(action);
        ex.Errors.Keys.ShouldContain(field, $"errors were: {ex.Message}");
        return ex;
    }

    [Fact]
    public void Provider_FromSettings_IsExpected() => Host.Store.Provider.ShouldBe(ExpectedProvider);

    [Fact]
    public async Task Create_ValidInput_StoresEveryField()
    {
        var created = await AddAsync("Kestrel listens on port 8284.", "Ports", ["infra", "letta"], """{"project":"letta","priority":2,"nested":{"a":[1,2]}}""", "cli");

        var loaded = await Svc(s => s.GetAsync(created.Id, CancellationToken.None));

        loaded.Id.ShouldBe(created.Id);
        loaded.Title.ShouldBe("Ports");
        loaded.Content.ShouldBe("Kestrel listens on port 8284.");
        loaded.Tags.ShouldBe(["infra", "letta"]);
        loaded.Source.ShouldBe("cli");
        loaded.Version.ShouldBe(1);
        loaded.CreatedAt.ShouldBe(created.CreatedAt);
        loaded.UpdatedAt.ShouldBe(created.CreatedAt);
        loaded.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        System.Text.Json.JsonDocument.Parse(loaded.MetadataJson).RootElement.GetProperty("nested").GetProperty("a")[1].GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Create_WithoutTitle_DerivesTitleFromFirstLine()
    {
        var created = await AddAsync("First line here\nsecond line");
        created.Title.ShouldBe("First line here");
    }

    [Fact]
    public async Task Create_DuplicateTags_AreStoredOnce()
    {
        var created = await AddAsync("tags", tags: ["a", " a ", "b"]);
        created.Tags.ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Get_UnknownId_ThrowsNotFound() =>
        await Should.ThrowAsync<MemoryNotFoundException>(() => Svc(s => s.GetAsync("nope", CancellationToken.None)));

    [Fact]
    public async Task Replace_CurrentVersion_ReplacesAndBumpsVersion()
    {
        var created = await AddAsync("old content", "old", ["x"], """{"k":1}""", "a");

        var replaced = await Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("new content", "new"), 1, CancellationToken.None));

        replaced.Version.ShouldBe(2);
        replaced.Title.ShouldBe("new");
        replaced.Tags.ShouldBeEmpty();
        replaced.Source.ShouldBeNull();
        replaced.MetadataJson.ShouldBe("{}");
        replaced.CreatedAt.ShouldBe(created.CreatedAt);
        (await Svc(s => s.GetAsync(created.Id, CancellationToken.None))).Content.ShouldBe("new content");
    }

    [Fact]
    public async Task Replace_StaleVersion_ThrowsConflictWithCurrentVersion()
    {
        var created = await AddAsync("v1");
        await Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("v2"), 1, CancellationToken.None));

        var ex = await Should.ThrowAsync<MemoryConflictException>(() => Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("v3"), 1, CancellationToken.None)));

        ex.CurrentVersion.ShouldBe(2);
        (await Svc(s => s.GetAsync(created.Id, CancellationToken.None))).Content.ShouldBe("v2");
    }

    [Fact]
    public async Task Replace_VersionInBody_IsChecked()
    {
        var created = await AddAsync("v1");
        var input = MemoryInput.Of("v2") with { Version = 7 };

        var ex = await Should.ThrowAsync<MemoryConflictException>(() => Svc(s => s.ReplaceAsync(created.Id, input, null, CancellationToken.None)));

        ex.CurrentVersion.ShouldBe(1);
    }

    [Fact]
    public async Task Patch_OnlyGivenFields_Change()
    {
        var created = await AddAsync("content stays", "title", ["keep"], """{"m":true}""", "src");
        var patch = new MemoryInput { Title = "new title", Present = new HashSet<string> { "title" } };

        var patched = await Svc(s => s.PatchAsync(created.Id, patch, null, CancellationToken.None));

        patched.Title.ShouldBe("new title");
        patched.Content.ShouldBe("content stays");
        patched.Tags.ShouldBe(["keep"]);
        patched.Source.ShouldBe("src");
        patched.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Patch_StaleVersion_ThrowsConflict()
    {
        var created = await AddAsync("content");
        var patch = new MemoryInput { Title = "t", Present = new HashSet<string> { "title" } };
        await Svc(s => s.PatchAsync(created.Id, patch, 1, CancellationToken.None));

        var ex = await Should.ThrowAsync<MemoryConflictException>(() => Svc(s => s.PatchAsync(created.Id, patch, 1, CancellationToken.None)));

        ex.CurrentVersion.ShouldBe(2);
    }

    [Fact]
    public async Task Delete_ThenGet_NotFoundAndHistoryKeepsIt()
    {
        var created = await AddAsync("to delete");

        var tombstone = await Svc(s => s.DeleteAsync(created.Id, 1, CancellationToken.None));

        tombstone.Version.ShouldBe(2);
        await Should.ThrowAsync<MemoryNotFoundException>(() => Svc(s => s.GetAsync(created.Id, CancellationToken.None)));
        var history = await Svc(s => s.HistoryAsync(created.Id, CancellationToken.None));
        history.Select(h => h.Event).ShouldBe(["create", "delete"]);
        history[1].Snapshot.Content.ShouldBe("to delete");
    }

    [Fact]
    public async Task Delete_StaleVersion_ThrowsConflictAndKeepsMemory()
    {
        var created = await AddAsync("keep me");

        await Should.ThrowAsync<MemoryConflictException>(() => Svc(s => s.DeleteAsync(created.Id, 5, CancellationToken.None)));

        (await Svc(s => s.GetAsync(created.Id, CancellationToken.None))).Version.ShouldBe(1);
    }

    [Fact]
    public async Task History_EveryChange_IsRecordedInOrder()
    {
        var created = await AddAsync("one");
        await Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("two"), null, CancellationToken.None));
        await Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("three"), null, CancellationToken.None));
        await Svc(s => s.DeleteAsync(created.Id, null, CancellationToken.None));

        var history = await Svc(s => s.HistoryAsync(created.Id, CancellationToken.None));

        history.Select(h => (h.Event, h.Snapshot.Version, h.Snapshot.Content)).ShouldBe(
            [("create", 1L, "one"), ("update", 2L, "two"), ("update", 3L, "three"), ("delete", 4L, "three")]);
    }

    [Fact]
    public async Task Restore_DeletedMemory_ComesBackAsNewVersion()
    {
        var created = await AddAsync("remember me", "t", ["x"], """{"k":"v"}""");
        await Svc(s => s.DeleteAsync(created.Id, null, CancellationToken.None));

        var restored = await Svc(s => s.RestoreAsync(created.Id, null, null, CancellationToken.None));

        restored.Version.ShouldBe(3);
        restored.Content.ShouldBe("remember me");
        restored.Tags.ShouldBe(["x"]);
        restored.CreatedAt.ShouldBe(created.CreatedAt);
        var loaded = await Svc(s => s.GetAsync(created.Id, CancellationToken.None));
        loaded.Version.ShouldBe(3);
        (await Svc(s => s.HistoryAsync(created.Id, CancellationToken.None)))[^1].Event.ShouldBe("restore");
        (await Svc(s => s.SearchAsync("remember", MemoryFilter.None, null, null, CancellationToken.None))).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Restore_EarlierVersion_OfExistingMemory()
    {
        var created = await AddAsync("first text");
        await Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of("second text"), null, CancellationToken.None));

        var restored = await Svc(s => s.RestoreAsync(created.Id, 1, 2, CancellationToken.None));

        restored.Version.ShouldBe(3);
        restored.Content.ShouldBe("first text");
    }

    [Fact]
    public async Task Restore_ExistingMemoryWithoutVersion_FailsOnVersion()
    {
        var created = await AddAsync("x");
        await ShouldFailOnAsync("version", () => Svc(s => s.RestoreAsync(created.Id, null, null, CancellationToken.None)));
    }

    [Fact]
    public async Task Restore_UnknownVersion_ThrowsNotFound()
    {
        var created = await AddAsync("x");
        await Should.ThrowAsync<MemoryNotFoundException>(() => Svc(s => s.RestoreAsync(created.Id, 9, null, CancellationToken.None)));
    }

    [Fact]
    public async Task Insert_DuplicateId_FailsAndLeavesNothingHalfStored()
    {
        var created = await AddAsync("original");
        var clash = created with { Content = "clash", Version = 1 };

        await Should.ThrowAsync<MemoryConflictException>(() => Host.Store.InsertAsync(clash, HistoryEvents.Create, CancellationToken.None));

        (await Host.Store.GetHistoryAsync(created.Id, CancellationToken.None)).Count.ShouldBe(1);
        (await Svc(s => s.GetAsync(created.Id, CancellationToken.None))).Content.ShouldBe("original");
    }

    [Fact]
    public async Task InsertBatch_OneRowFails_StoresNoneOfTheBatch()
    {
        var existing = await AddAsync("existing");
        var now = MemoryTime.Normalize(DateTimeOffset.UtcNow);
        var fresh = new MemoryRecord(MemoryIds.New(), "fresh", "fresh row", ["t"], "{}", null, now, now, 1);

        await Should.ThrowAsync<Exception>(() => Host.Store.InsertBatchAsync([fresh, existing with { Content = "clash" }], CancellationToken.None));

        (await Host.Store.GetAsync(fresh.Id, CancellationToken.None)).ShouldBeNull();
        (await Host.Store.GetHistoryAsync(fresh.Id, CancellationToken.None)).ShouldBeEmpty();
        (await Svc(s => s.SearchAsync("fresh", MemoryFilter.None, null, null, CancellationToken.None))).Items.ShouldBeEmpty();
        (await Svc(s => s.GetAsync(existing.Id, CancellationToken.None))).Content.ShouldBe("existing");
    }

    [Fact]
    public async Task Export_ThenImportIntoEmptyStore_RoundTrips()
    {
        var a = await AddAsync("alpha content", "Alpha", ["t1"], """{"n":1}""", "s1");
        var b = await AddAsync("beta content", "Beta", [], null, null);
        var exported = await ExportAsync(Host);

        var settings = await SettingsAsync();
        await using var other = await MemoryTestHost.StartAsync(settings);
        var outcome = await other.WithImporterAsync(i => i.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(exported)), CancellationToken.None));

        outcome.Imported.ShouldBe(2);
        outcome.Failed.ShouldBeEmpty();
        var copy = await other.WithServiceAsync(s => s.GetAsync(a.Id, CancellationToken.None));
        (copy with { MetadataJson = "" }).ShouldBe(a with { MetadataJson = "", Tags = copy.Tags });
        copy.Tags.ShouldBe(a.Tags);
        (await other.WithServiceAsync(s => s.GetAsync(b.Id, CancellationToken.None))).Title.ShouldBe("Beta");
        (await ExportAsync(other)).ShouldBe(exported);
    }

    [Fact]
    public async Task HealthCheck_MigratedStore_IsHealthy()
    {
        var check = new Health.MemoryStoreHealthCheck(Host.Store);
        var result = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        result.Status.ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, result.Description);
    }

    [Fact]
    public async Task Migrate_SecondTime_IsANoOp()
    {
        await AddAsync("survives");
        await Host.Store.MigrateAsync(CancellationToken.None);
        var (current, expected) = await Host.Store.GetSchemaVersionAsync(CancellationToken.None);
        current.ShouldBe(expected);
        (await Svc(s => s.ListAsync(MemoryFilter.None, null, null, CancellationToken.None))).Items.Count.ShouldBe(1);
    }

    private static async Task<string> ExportAsync(MemoryTestHost host)
    {
        var sb = new System.Text.StringBuilder();
        await host.WithServiceAsync(async s =>
        {
            await foreach (var m in s.ExportAsync(CancellationToken.None))
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
                {
                    Json.MemoryJsonWriter.WriteMemory(w, m);
                }

                sb.Append(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
            }

            return 0;
        });
        return sb.ToString();
    }
}

using System.Text;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Tests.Support;

namespace Letta.Plugins.Memory.Tests.Contract;

public abstract partial class MemoryStoreContractTests
{
    private Task<Service.ImportOutcome> ImportAsync(string ndjson) =>
        Imp(i => i.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), CancellationToken.None));

    [Fact]
    public async Task Import_BadLines_AreReportedByLineNumberAndSkipped()
    {
        var ndjson = string.Join('\n',
            """{"content":"good one","tags":["a"]}""",
            """{"content":""}""",
            """{not json""",
            "",
            """{"content":"good two","metadata":{"k":1},"source":"import"}""",
            """{"content":"bad tags","tags":"notalist"}""",
            """[1,2]""",
            """{"content":"good three","id":"fixed-id-1","createdAt":"2025-05-01T10:00:00Z"}""",
            """{"content":"duplicate id","id":"fixed-id-1"}""",
            """{"content":"bad time","createdAt":"yesterday"}""");

        var outcome = await ImportAsync(ndjson);

        outcome.Imported.ShouldBe(3);
        outcome.Failed.Select(f => (f.Line, f.Field)).ShouldBe(
            [(2L, "content"), (3L, "json"), (6L, "tags"), (7L, "json"), (9L, "id"), (10L, "createdAt")], ignoreOrder: true);
        var fixedOne = await Svc(s => s.GetAsync("fixed-id-1", CancellationToken.None));
        fixedOne.Content.ShouldBe("good three");
        fixedOne.CreatedAt.ShouldBe(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero));
        (await Svc(s => s.HistoryAsync("fixed-id-1", CancellationToken.None))).Single().Event.ShouldBe("import");
    }

    [Fact]
    public async Task Import_IdAlreadyStored_FailsThatLineOnly()
    {
        var existing = await AddAsync("existing");
        var outcome = await ImportAsync($$"""
            {"content":"new","id":"{{existing.Id}}"}
            {"content":"other"}
            """);

        outcome.Imported.ShouldBe(1);
        outcome.Failed.Single().ShouldBe(new ImportFailure(1, "id", outcome.Failed[0].Error));
        (await Svc(s => s.GetAsync(existing.Id, CancellationToken.None))).Content.ShouldBe("existing");
    }

    [Fact]
    public async Task Import_ImportedMemories_AreSearchableAndTagged()
    {
        await ImportAsync("""
            {"content":"zebra stripes are unique","tags":["animals"]}
            {"content":"zebra crossing ahead","tags":["roads"]}
            """);

        (await SearchTitlesAsync("zebra", new MemoryFilter { Tags = ["animals"] })).ShouldBe(["zebra stripes are unique"]);
    }

    [Fact]
    public async Task Import_CrLfAndBlankLines_AreAccepted()
    {
        var outcome = await ImportAsync("{\"content\":\"one\"}\r\n\r\n{\"content\":\"two\"}\r\n");
        outcome.Imported.ShouldBe(2);
        outcome.Failed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_PublishesCreatedPerMemory()
    {
        await ImportAsync("{\"content\":\"one\"}\n{\"content\":\"two\"}\n{\"content\":\"three\"}\n{\"content\":\"four\"}");
        Host.Hub.PublishedOf<Letta.Memories.MemoryCreated>().Count.ShouldBe(4);
    }

    [Fact]
    public async Task Import_ImportedMemoryChanged_HistoryKeepsImportedVersion()
    {
        await ImportAsync("""{"id":"imp-1","content":"as imported","tags":["t"]}""");
        await Svc(s => s.ReplaceAsync("imp-1", MemoryInput.Of("second"), 1, CancellationToken.None));
        await Svc(s => s.PatchAsync("imp-1", MemoryInput.Of("third"), 2, CancellationToken.None));

        var history = await Svc(s => s.HistoryAsync("imp-1", CancellationToken.None));

        history.Select(h => (h.Event, h.Snapshot.Version, h.Snapshot.Content)).ShouldBe(
            [("import", 1L, "as imported"), ("update", 2L, "second"), ("update", 3L, "third")]);
        var restored = await Svc(s => s.RestoreAsync("imp-1", 1, 3, CancellationToken.None));
        restored.Content.ShouldBe("as imported");
        restored.Tags.ShouldBe(["t"]);
        restored.Version.ShouldBe(4);
    }

    [Fact]
    public async Task Import_ImportedMemoryDeleted_RestoreBringsItBack()
    {
        await ImportAsync("""{"id":"imp-2","content":"deleted after import","metadata":{"k":1}}""");
        await Svc(s => s.DeleteAsync("imp-2", 1, CancellationToken.None));

        (await Svc(s => s.HistoryAsync("imp-2", CancellationToken.None))).Select(h => (h.Event, h.Snapshot.Version))
            .ShouldBe([("import", 1L), ("delete", 2L)]);
        var restored = await Svc(s => s.RestoreAsync("imp-2", null, null, CancellationToken.None));

        restored.Content.ShouldBe("deleted after import");
        restored.MetadataJson.ShouldContain("\"k\"");
        restored.Version.ShouldBe(3);
    }

    [Fact]
    public async Task Import_IdOfImportedOrDeletedImportedMemory_IsRejected()
    {
        await ImportAsync("""
            {"id":"imp-live","content":"live"}
            {"id":"imp-gone","content":"gone"}
            """);
        await Svc(s => s.DeleteAsync("imp-gone", null, CancellationToken.None));

        var outcome = await ImportAsync("""
            {"id":"imp-live","content":"again"}
            {"id":"imp-gone","content":"again"}
            """);

        outcome.Imported.ShouldBe(0);
        outcome.Failed.Select(f => (f.Line, f.Field)).ShouldBe([(1L, "id"), (2L, "id")]);
        (await Svc(s => s.GetAsync("imp-live", CancellationToken.None))).Content.ShouldBe("live");
    }

    [Fact]
    public async Task Import_ManyBatches_EveryValidLineCommitted()
    {
        // The suite's batches are 3 lines: 200 lines make 60 batches written by the provider's parallel writers.
        var lines = Enumerable.Range(1, 200)
            .Select(i => i % 10 == 0 ? """{"content":""}""" : $$"""{"content":"bulk line {{i}}","tags":["bulk"]}""")
            .ToList();

        var outcome = await ImportAsync(string.Join('\n', lines));

        outcome.Imported.ShouldBe(180);
        outcome.Failed.Select(f => f.Line).ShouldBe(Enumerable.Range(1, 20).Select(i => i * 10L));
        var expected = Enumerable.Range(1, 200).Where(i => i % 10 != 0).Select(i => $"bulk line {i}");
        (await ExportContentsAsync()).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task Import_BodyFailsMidStream_KeepsWholeBatchesAndThrows()
    {
        // Lines 1–9 are three whole batches; line 10 starts a fourth that the broken body never finishes.
        var head = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 10).Select(i => $$"""{"content":"before the break {{i}}"}""" + "\n")));
        IEnumerable<byte[]> Body()
        {
            yield return head;
            throw new IOException("The connection was reset.");
        }

        await using var body = new ChunkedBodyStream(Body());

        var ex = await Should.ThrowAsync<IOException>(() => Imp(i => i.ImportAsync(body, CancellationToken.None)));

        ex.Message.ShouldContain("reset");
        (await ExportContentsAsync()).ShouldBe(Enumerable.Range(1, 9).Select(i => $"before the break {i}"), ignoreOrder: true);
    }

    [Fact]
    public async Task Import_CancelledMidStream_StopsInsteadOfReadingOn()
    {
        using var cancel = new CancellationTokenSource();
        var line = Encoding.UTF8.GetBytes("""{"content":"endless"}""" + "\n");
        IEnumerable<byte[]> Endless()
        {
            for (var i = 0; ; i++)
            {
                if (i == 50)
                {
                    cancel.Cancel();
                }

                yield return line;
            }
        }

        await using var body = new ChunkedBodyStream(Endless());

        var ex = await Should.ThrowAsync<Exception>(() => Imp(i => i.ImportAsync(body, cancel.Token)).WaitAsync(TimeSpan.FromMinutes(1)));

        ex.ShouldBeAssignableTo<OperationCanceledException>();
        (await ExportContentsAsync()).Count.ShouldBeLessThanOrEqualTo(50);
    }

    private Task<List<string>> ExportContentsAsync() =>
        Svc(async s =>
        {
            var contents = new List<string>();
            await foreach (var m in s.ExportAsync(CancellationToken.None))
            {
                contents.Add(m.Content);
            }

            return contents;
        });
}

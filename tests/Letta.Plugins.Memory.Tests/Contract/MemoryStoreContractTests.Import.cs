using System.Text;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Tests.Contract;

public abstract partial class MemoryStoreContractTests
{
    private Task<Service.ImportOutcome> ImportAsync(string ndjson) =>
        Svc(s => s.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), CancellationToken.None));

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
}

using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Tests.Contract;

public abstract partial class MemoryStoreContractTests
{
    private async Task ShouldStoreNothingAsync() =>
        (await Svc(s => s.ListAsync(MemoryFilter.None, null, null, CancellationToken.None))).Items.ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public async Task Create_EmptyContent_FailsOnContent(string? content)
    {
        await ShouldFailOnAsync("content", () => AddAsync(content!));
        await ShouldStoreNothingAsync();
    }

    [Fact]
    public async Task Create_ContentOverLimit_FailsOnContent()
    {
        await ShouldFailOnAsync("content", () => AddAsync(new string('x', 2001)));
        await ShouldStoreNothingAsync();
    }

    [Fact]
    public async Task Create_UnpairedSurrogate_FailsOnTheField()
    {
        foreach (var text in new[] { "dangling high \uD83D", "\uDE00 stray low", "reversed \uDE00\uD83D pair", "\uD83D" })
        {
            await ShouldFailOnAsync("content", () => AddAsync(text));
            await ShouldFailOnAsync("title", () => AddAsync("fine", title: text));
        }

        await ShouldStoreNothingAsync();
    }

    [Fact]
    public async Task Create_SurrogatePairs_AreStoredIntact()
    {
        var created = await AddAsync("emoji \uD83D\uDE00 and \uD834\uDD1E at the end \uD83D\uDE80", title: "\uD83D\uDCDD notes");

        var loaded = await Svc(s => s.GetAsync(created.Id, CancellationToken.None));

        loaded.Content.ShouldBe("emoji 😀 and 𝄞 at the end 🚀");
        loaded.Title.ShouldBe("📝 notes");
    }

    [Fact]
    public async Task Create_ContentAtLimit_IsStored() => (await AddAsync(new string('x', 2000))).Content.Length.ShouldBe(2000);

    [Fact]
    public async Task Create_NulCharacter_FailsOnContent()
    {
        await ShouldFailOnAsync("content", () => AddAsync("a\0b"));
        await ShouldStoreNothingAsync();
    }

    [Fact]
    public async Task Create_TooManyTags_FailsOnTags() =>
        await ShouldFailOnAsync("tags", () => AddAsync("x", tags: ["1", "2", "3", "4", "5", "6"]));

    [Fact]
    public async Task Create_OverLongTag_FailsOnTags() =>
        await ShouldFailOnAsync("tags", () => AddAsync("x", tags: [new string('t', 21)]));

    [Fact]
    public async Task Create_EmptyTag_FailsOnTags() =>
        await ShouldFailOnAsync("tags", () => AddAsync("x", tags: [" "]));

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":\"\\u0000\"}")]
    public async Task Create_BadMetadata_FailsOnMetadata(string metadata)
    {
        await ShouldFailOnAsync("metadata", () => AddAsync("x", metadata: metadata));
        await ShouldStoreNothingAsync();
    }

    [Fact]
    public async Task Create_SeveralProblems_NamesEveryField()
    {
        var ex = await ShouldFailOnAsync("content", () => AddAsync("", tags: [new string('t', 30)], metadata: "[]"));
        ex.Errors.Keys.ShouldBe(["content", "tags", "metadata"], ignoreOrder: true);
    }

    [Fact]
    public async Task Patch_NothingGiven_FailsOnBody()
    {
        var created = await AddAsync("x");
        await ShouldFailOnAsync("body", () => Svc(s => s.PatchAsync(created.Id, new MemoryInput(), null, CancellationToken.None)));
    }

    [Fact]
    public async Task Replace_InvalidInput_LeavesMemoryUnchanged()
    {
        var created = await AddAsync("unchanged");
        await ShouldFailOnAsync("content", () => Svc(s => s.ReplaceAsync(created.Id, MemoryInput.Of(""), null, CancellationToken.None)));
        var loaded = await Svc(s => s.GetAsync(created.Id, CancellationToken.None));
        loaded.Version.ShouldBe(1);
        (await Svc(s => s.HistoryAsync(created.Id, CancellationToken.None))).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("TDF8MTJ4fGFiYw")] // "L1|12x|abc": right shape, bad number
    [InlineData("%%%")]
    [InlineData("UzF8MTA")]
    public async Task List_BadCursor_FailsOnCursor(string cursor) =>
        await ShouldFailOnAsync("cursor", () => Svc(s => s.ListAsync(MemoryFilter.None, cursor, null, CancellationToken.None)));

    [Fact]
    public async Task Search_ListCursor_FailsOnCursor()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 3).Select(i => $$"""{"content":"c{{i}}"}"""));
        await Imp(i => i.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lines)), CancellationToken.None));
        var (_, listCursor) = await Svc(s => s.ListAsync(MemoryFilter.None, null, 1, CancellationToken.None));

        await ShouldFailOnAsync("cursor", () => Svc(s => s.SearchAsync("c0", MemoryFilter.None, listCursor, 10, CancellationToken.None)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task List_LimitOutOfRange_FailsOnLimitInsteadOfCapping(int limit) =>
        await ShouldFailOnAsync("limit", () => Svc(s => s.ListAsync(MemoryFilter.None, null, limit, CancellationToken.None)));

    [Fact]
    public async Task List_MetadataFilterNotObject_FailsOnMetadata() =>
        await ShouldFailOnAsync("metadata", () => Svc(s => s.ListAsync(new MemoryFilter { MetadataJson = "[1]" }, null, null, CancellationToken.None)));
}

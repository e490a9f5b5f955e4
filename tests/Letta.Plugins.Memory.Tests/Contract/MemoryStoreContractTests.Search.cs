using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Tests.Contract;

public abstract partial class MemoryStoreContractTests
{
    private async Task SeedSearchCorpusAsync()
    {
        await AddAsync("The deployment pipeline builds containers every night.", "Nightly builds", ["ops"]);
        await AddAsync("Kubernetes cluster upgrade planned for the weekend.", "Cluster upgrade", ["ops", "infra"]);
        await AddAsync("Grandma's apple pie recipe needs cinnamon.", "Apple pie", ["food"]);
        await AddAsync("The apple orchard tour was cancelled because of rain.", "Orchard", ["travel"]);
        await AddAsync("Remember to renew the passport before the trip to Lisbon.", "Passport", ["travel", "admin"]);
    }

    private async Task<List<string>> SearchTitlesAsync(string q, MemoryFilter? filter = null)
    {
        var (items, _) = await Svc(s => s.SearchAsync(q, filter ?? MemoryFilter.None, null, 100, CancellationToken.None));
        return items.Select(i => i.Memory.Title).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Search_Words_AllMustMatch()
    {
        await SeedSearchCorpusAsync();
        (await SearchTitlesAsync("apple")).ShouldBe(["Apple pie", "Orchard"]);
        (await SearchTitlesAsync("apple cinnamon")).ShouldBe(["Apple pie"]);
    }

    [Fact]
    public async Task Search_Prefix_MatchesWordStarts()
    {
        await SeedSearchCorpusAsync();
        (await SearchTitlesAsync("kubern")).ShouldBe(["Cluster upgrade"]);
        (await SearchTitlesAsync("passp lisb")).ShouldBe(["Passport"]);
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesWordsInOrder()
    {
        await SeedSearchCorpusAsync();
        (await SearchTitlesAsync("\"apple pie\"")).ShouldBe(["Apple pie"]);
        (await SearchTitlesAsync("\"pie apple\"")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_Or_MatchesEither()
    {
        await SeedSearchCorpusAsync();
        (await SearchTitlesAsync("cinnamon OR passport")).ShouldBe(["Apple pie", "Passport"]);
    }

    [Fact]
    public async Task Search_Exclude_RemovesMatches()
    {
        await SeedSearchCorpusAsync();
        (await SearchTitlesAsync("apple -cinnamon")).ShouldBe(["Orchard"]);
        (await SearchTitlesAsync("apple -\"apple pie\"")).ShouldBe(["Orchard"]);
    }

    [Fact]
    public async Task Search_WithTagFilter_OnlyTaggedHits()
    {
        await SeedSearchCorpusAsync();
        (await SearchTitlesAsync("rain OR trip OR cinnamon", new MemoryFilter { Tags = ["travel"] })).ShouldBe(["Orchard", "Passport"]);
        (await SearchTitlesAsync("cluster OR deployment", new MemoryFilter { Tags = ["ops", "infra"], AllTags = true })).ShouldBe(["Cluster upgrade"]);
    }

    [Fact]
    public async Task Search_WithMetadataSourceAndTimeFilters_Combine()
    {
        var a = await AddAsync("river otter notes", "A", metadata: """{"kind":"animal","zoo":{"city":"Oslo"}}""", source: "field");
        await AddAsync("river barge notes", "B", metadata: """{"kind":"boat"}""", source: "field");
        await AddAsync("river otter photo", "C", metadata: """{"kind":"animal"}""", source: "camera");

        (await SearchTitlesAsync("river", new MemoryFilter { MetadataJson = """{"kind":"animal"}""" })).ShouldBe(["A", "C"]);
        (await SearchTitlesAsync("river", new MemoryFilter { MetadataJson = """{"zoo":{"city":"Oslo"}}""" })).ShouldBe(["A"]);
        (await SearchTitlesAsync("otter", new MemoryFilter { Source = "camera" })).ShouldBe(["C"]);
        (await SearchTitlesAsync("otter", new MemoryFilter { CreatedTo = a.CreatedAt.AddTicks(10) })).ShouldBe(["A"]);
    }

    [Fact]
    public async Task Search_Snippet_HighlightsMatchWithBrackets()
    {
        await SeedSearchCorpusAsync();
        var (items, _) = await Svc(s => s.SearchAsync("cinnamon", MemoryFilter.None, null, 10, CancellationToken.None));
        items.Count.ShouldBe(1);
        items[0].Snippet.ShouldContain("[cinnamon]");
        items[0].Rank.ShouldBeGreaterThan(0);
        items[0].Memory.Tags.ShouldBe(["food"]);
    }

    [Fact]
    public async Task Search_TitleMatch_RanksAboveContentMatch()
    {
        await AddAsync("Something about gardening and soil.", "Tomatoes");
        await AddAsync("Tomatoes need sun, water and patience in the garden.", "Garden notes");
        var (items, _) = await Svc(s => s.SearchAsync("tomatoes", MemoryFilter.None, null, 10, CancellationToken.None));
        items.Select(i => i.Memory.Title).ShouldBe(["Tomatoes", "Garden notes"]);
    }

    [Fact]
    public async Task Search_Paging_ReturnsEveryHitOnce()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 25).Select(i => $$"""{"content":"shared keyword number {{i}}"}"""));
        await Imp(i => i.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lines)), CancellationToken.None));
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var (items, next) = await Svc(s => s.SearchAsync("keyword", MemoryFilter.None, cursor, 10, CancellationToken.None));
            ids.AddRange(items.Select(i => i.Memory.Id));
            cursor = next;
        }
        while (cursor is not null);

        ids.Count.ShouldBe(25);
        ids.Distinct().Count().ShouldBe(25);
    }

    [Theory]
    [InlineData("\"apple pie")]
    [InlineData("apple OR")]
    [InlineData("OR apple")]
    [InlineData("apple - -")]
    [InlineData("apple'); DROP TABLE memories; --")]
    [InlineData("apple* ^ ( ) : NEAR")]
    [InlineData("apple\" AND \"x")]
    public async Task Search_ConfusingSyntax_IsToleratedAndStoreKeepsWorking(string q)
    {
        await SeedSearchCorpusAsync();

        var (items, _) = await Svc(s => s.SearchAsync(q, MemoryFilter.None, null, 10, CancellationToken.None));

        items.Count.ShouldBeLessThanOrEqualTo(5);
        (await SearchTitlesAsync("apple")).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-apple")]
    [InlineData("OR")]
    [InlineData("\"")]
    [InlineData("'; --")]
    public async Task Search_NothingToLookFor_FailsOnQ(string q) =>
        await ShouldFailOnAsync("q", () => Svc(s => s.SearchAsync(q, MemoryFilter.None, null, 10, CancellationToken.None)));
}

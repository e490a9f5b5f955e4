using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Tests.Contract;

public abstract partial class MemoryStoreContractTests
{
    private async Task<List<string>> ListTitlesAsync(MemoryFilter filter)
    {
        var (items, next) = await Svc(s => s.ListAsync(filter, null, 500, CancellationToken.None));
        next.ShouldBeNull();
        return items.Select(i => i.Title).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task List_TagFilters_AnyAndAll()
    {
        await AddAsync("a", "A", ["red", "blue"]);
        await AddAsync("b", "B", ["red"]);
        await AddAsync("c", "C", ["green"]);

        (await ListTitlesAsync(new MemoryFilter { Tags = ["red"] })).ShouldBe(["A", "B"]);
        (await ListTitlesAsync(new MemoryFilter { Tags = ["blue", "green"] })).ShouldBe(["A", "C"]);
        (await ListTitlesAsync(new MemoryFilter { Tags = ["red", "blue"], AllTags = true })).ShouldBe(["A"]);
        (await ListTitlesAsync(new MemoryFilter { Tags = ["nothing"] })).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_MetadataContainment_MatchesNestedObjectsAndArrays()
    {
        await AddAsync("a", "A", metadata: """{"project":"letta","level":3,"owner":{"name":"ann","teams":["x","y"]}}""");
        await AddAsync("b", "B", metadata: """{"project":"letta","level":4}""");
        await AddAsync("c", "C", metadata: """{"project":"other"}""");

        (await ListTitlesAsync(new MemoryFilter { MetadataJson = """{"project":"letta"}""" })).ShouldBe(["A", "B"]);
        (await ListTitlesAsync(new MemoryFilter { MetadataJson = """{"project":"letta","level":3.0}""" })).ShouldBe(["A"]);
        (await ListTitlesAsync(new MemoryFilter { MetadataJson = """{"owner":{"teams":["y"]}}""" })).ShouldBe(["A"]);
        (await ListTitlesAsync(new MemoryFilter { MetadataJson = """{"owner":{"teams":["z"]}}""" })).ShouldBeEmpty();
        (await ListTitlesAsync(new MemoryFilter { MetadataJson = "{}" })).ShouldBe(["A", "B", "C"]);
    }

    [Fact]
    public async Task List_SourceAndTimeRanges_Filter()
    {
        var a = await AddAsync("a", "A", source: "phone");
        await Task.Delay(5);
        var b = await AddAsync("b", "B", source: "laptop");
        await Svc(s => s.ReplaceAsync(a.Id, MemoryInput.Of("a2", "A", source: "phone"), null, CancellationToken.None));

        (await ListTitlesAsync(new MemoryFilter { Source = "laptop" })).ShouldBe(["B"]);
        (await ListTitlesAsync(new MemoryFilter { CreatedFrom = b.CreatedAt })).ShouldBe(["B"]);
        (await ListTitlesAsync(new MemoryFilter { CreatedTo = b.CreatedAt })).ShouldBe(["A"]);
        (await ListTitlesAsync(new MemoryFilter { UpdatedFrom = b.CreatedAt.AddTicks(10) })).ShouldBe(["A"]);
    }

    [Fact]
    public async Task List_PagedWithCursor_ReturnsEveryRowOnceNewestFirst()
    {
        const int total = 123;
        var batch = string.Join('\n', Enumerable.Range(0, total).Select(i => $$"""{"content":"memory number {{i}}","title":"m{{i}}","createdAt":"2026-01-01T00:00:{{i % 60:00}}.{{i:000000}}Z"}"""));
        var outcome = await Imp(i => i.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(batch)), CancellationToken.None));
        outcome.Imported.ShouldBe(total);

        var seen = new List<MemoryRecord>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (items, next) = await Svc(s => s.ListAsync(MemoryFilter.None, cursor, 50, CancellationToken.None));
            items.Count.ShouldBeLessThanOrEqualTo(50);
            seen.AddRange(items);
            cursor = next;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        seen.Count.ShouldBe(total);
        seen.Select(m => m.Id).Distinct().Count().ShouldBe(total);
        seen.Select(m => (m.CreatedAt, m.Id)).ShouldBe(seen.Select(m => (m.CreatedAt, m.Id)).OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_DefaultPage_IsFiftyWithCursor()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 51).Select(i => $$"""{"content":"c{{i}}"}"""));
        await Imp(i => i.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lines)), CancellationToken.None));

        var (items, next) = await Svc(s => s.ListAsync(MemoryFilter.None, null, null, CancellationToken.None));

        items.Count.ShouldBe(50);
        next.ShouldNotBeNull();
    }
}

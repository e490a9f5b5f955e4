using Letta.Plugins.Memory.Search;
using Letta.Plugins.Memory.Service;

namespace Letta.Plugins.Memory.Tests.Search;

public sealed class SearchQueryParserTests
{
    [Theory]
    [InlineData("apple", "{title content} : (((\"apple\"*)))", "('apple':*)")]
    [InlineData("Apple Pie", "{title content} : (((\"apple\"*) AND (\"pie\"*)))", "('apple':*) & ('pie':*)")]
    [InlineData("\"apple pie\"", "{title content} : (((\"apple pie\")))", "('apple' <-> 'pie')")]
    [InlineData("\"exact\"", "{title content} : (((\"exact\")))", "('exact')")]
    [InlineData("a OR b c", "{title content} : (((\"a\"* OR \"b\"*) AND (\"c\"*)))", "(('a':*) | ('b':*)) & ('c':*)")]
    [InlineData("apple -pie", "{title content} : (((\"apple\"*)) NOT (\"pie\"*))", "('apple':*) & !('pie':*)")]
    [InlineData("apple -\"pie crust\"", "{title content} : (((\"apple\"*)) NOT (\"pie crust\"))", "('apple':*) & !('pie' <-> 'crust')")]
    [InlineData("foo-bar", "{title content} : (((\"foo bar\")))", "('foo' <-> 'bar')")]
    [InlineData("\"unbalanced quote", "{title content} : (((\"unbalanced quote\")))", "('unbalanced' <-> 'quote')")]
    [InlineData("x'); DROP TABLE t; --", "{title content} : (((\"x\"*) AND (\"drop\"*) AND (\"table\"*) AND (\"t\"*)))", "('x':*) & ('drop':*) & ('table':*) & ('t':*)")]
    public void Parse_WebSearchSyntax_RendersSafeQueries(string q, string fts5, string tsquery)
    {
        var parsed = SearchQueryParser.Parse(q);
        Fts5QueryRenderer.Render(parsed).ShouldBe(fts5);
        TsQueryRenderer.Render(parsed).ShouldBe(tsquery);
    }

    [Theory]
    [InlineData(false, "{title content} : (((\"x\"*))) AND {tags} : (\"topic 07\" OR \"c\")")]
    [InlineData(true, "{title content} : (((\"x\"*))) AND {tags} : (\"topic 07\" AND \"c\")")]
    public void Fts5_TagFilter_AddsTagsColumnPrefilter(bool allTags, string expected) =>
        Fts5QueryRenderer.Render(SearchQueryParser.Parse("x"), ["Topic-07", "c++"], allTags).ShouldBe(expected);

    [Fact]
    public void Fts5_TagWithoutWords_SkipsAnyPrefilter() =>
        Fts5QueryRenderer.Render(SearchQueryParser.Parse("x"), ["+++", "a"]).ShouldBe("{title content} : (((\"x\"*)))");

    [Theory]
    [InlineData("\"")]
    [InlineData("OR")]
    [InlineData("-x")]
    [InlineData("*** ---")]
    public void Parse_NothingToSearch_FailsOnQ(string q) =>
        Should.Throw<MemoryValidationException>(() => SearchQueryParser.Parse(q)).Errors.Keys.ShouldBe(["q"]);

    [Fact]
    public void Parse_TooLong_FailsOnQ() =>
        Should.Throw<MemoryValidationException>(() => SearchQueryParser.Parse(new string('a', 1001))).Errors.Keys.ShouldBe(["q"]);

    [Fact]
    public void Parse_TooManyTerms_FailsOnQ() =>
        Should.Throw<MemoryValidationException>(() => SearchQueryParser.Parse(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i}")))).Errors.Keys.ShouldBe(["q"]);
}

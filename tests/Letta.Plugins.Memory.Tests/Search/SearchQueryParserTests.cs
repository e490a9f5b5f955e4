using Letta.Plugins.Memory.Search;
using Letta.Plugins.Memory.Service;

namespace Letta.Plugins.Memory.Tests.Search;

public sealed class SearchQueryParserTests
{
    [Theory]
    [InlineData("apple", "((\"apple\"*))", "('apple':*)")]
    [InlineData("Apple Pie", "((\"apple\"*) AND (\"pie\"*))", "('apple':*) & ('pie':*)")]
    [InlineData("\"apple pie\"", "((\"apple pie\"))", "('apple' <-> 'pie')")]
    [InlineData("\"exact\"", "((\"exact\"))", "('exact')")]
    [InlineData("a OR b c", "((\"a\"* OR \"b\"*) AND (\"c\"*))", "(('a':*) | ('b':*)) & ('c':*)")]
    [InlineData("apple -pie", "((\"apple\"*)) NOT (\"pie\"*)", "('apple':*) & !('pie':*)")]
    [InlineData("apple -\"pie crust\"", "((\"apple\"*)) NOT (\"pie crust\")", "('apple':*) & !('pie' <-> 'crust')")]
    [InlineData("foo-bar", "((\"foo bar\"))", "('foo' <-> 'bar')")]
    [InlineData("\"unbalanced quote", "((\"unbalanced quote\"))", "('unbalanced' <-> 'quote')")]
    [InlineData("x'); DROP TABLE t; --", "((\"x\"*) AND (\"drop\"*) AND (\"table\"*) AND (\"t\"*))", "('x':*) & ('drop':*) & ('table':*) & ('t':*)")]
    public void Parse_WebSearchSyntax_RendersSafeQueries(string q, string fts5, string tsquery)
    {
        var parsed = SearchQueryParser.Parse(q);
        Fts5QueryRenderer.Render(parsed).ShouldBe(fts5);
        TsQueryRenderer.Render(parsed).ShouldBe(tsquery);
    }

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

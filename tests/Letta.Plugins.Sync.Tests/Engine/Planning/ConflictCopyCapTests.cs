using Letta.Plugins.Sync.Engine.Planning;

namespace Letta.Plugins.Sync.Tests.Engine.Planning;

/// <summary>Which conflict copies the cap removes: decided from the names alone, the same on every device.</summary>
public sealed class ConflictCopyCapTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "letta-sync-tests", "cap-" + Guid.NewGuid().ToString("N")[..12]);

    public ConflictCopyCapTests() => Directory.CreateDirectory(Path.Combine(_root, "docs"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("docs/a.b.sync-conflict-20260101-120000-ABCDEFG.md", "docs/a.b.md", "20260101-120000")]
    [InlineData("docs/a.b.sync-conflict-20260101-120000-ABCDEFG-0123abcd.md", "docs/a.b.md", "20260101-120000")]
    [InlineData("Makefile.sync-conflict-20260101-120000-ABCDEFG", "Makefile", "20260101-120000")]
    public void TryParse_ConflictCopyName_OriginalAndStamp(string copy, string original, string stamp)
    {
        ConflictCopyCap.TryParse(copy, out string o, out string s).ShouldBeTrue();

        o.ShouldBe(original);
        s.ShouldBe(stamp);
    }

    [Theory]
    [InlineData("docs/a.md")]
    [InlineData("docs/a.sync-conflict-notastamp.md")]
    [InlineData(".sync-conflict-20260101-120000-ABCDEFG.md")]
    public void TryParse_NotAConflictCopy_False(string path) =>
        ConflictCopyCap.TryParse(path, out _, out _).ShouldBeFalse();

    [Fact]
    public void Excess_MoreCopiesThanCap_OldestStampThenOrdinalNameFirst()
    {
        foreach (string name in new[]
        {
            "a.sync-conflict-20260103-000000-AAAAAAA.md",
            "a.sync-conflict-20260101-000000-ZZZZZZZ.md",
            "a.sync-conflict-20260101-000000-BBBBBBB.md",
            "a.sync-conflict-20260102-000000-AAAAAAA.md",
            "ab.sync-conflict-20250101-000000-AAAAAAA.md", // another file's copy
            "a.sync-conflict-20250101-000000-AAAAAAA.txt", // another extension: another file
            "a.md",
        })
        {
            File.WriteAllText(Path.Combine(_root, "docs", name), name);
        }

        List<string> excess = ConflictCopyCap.Excess(_root, "docs/a.md", 2);

        excess.ShouldBe(["docs/a.sync-conflict-20260101-000000-BBBBBBB.md", "docs/a.sync-conflict-20260101-000000-ZZZZZZZ.md"]);
        ConflictCopyCap.Excess(_root, "docs/a.md", 4).ShouldBeEmpty();
    }
}

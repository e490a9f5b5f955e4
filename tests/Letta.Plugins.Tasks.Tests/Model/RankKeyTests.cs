using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Tests.Model;

public sealed class RankKeyTests
{
    [Fact]
    public void Between_TenThousandAppends_StayOrderedAndShort()
    {
        string? last = null;
        for (int i = 0; i < 10_000; i++)
        {
            string next = RankKey.Between(last, null)!;
            if (last is not null)
            {
                string.CompareOrdinal(last, next).ShouldBeLessThan(0);
            }

            last = next;
        }

        last!.Length.ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public void Between_ThousandPrepends_StayOrdered()
    {
        string? first = null;
        for (int i = 0; i < 1000; i++)
        {
            string next = RankKey.Between(null, first)!;
            if (first is not null)
            {
                string.CompareOrdinal(next, first).ShouldBeLessThan(0);
            }

            first = next;
        }

        first!.Length.ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public void Between_RandomInsertions_KeepsStrictOrder()
    {
        var random = new Random(42);
        var keys = new List<string> { RankKey.First };
        for (int i = 0; i < 3000; i++)
        {
            int p = random.Next(keys.Count + 1);
            string? key = RankKey.Between(p > 0 ? keys[p - 1] : null, p < keys.Count ? keys[p] : null);
            key.ShouldNotBeNull();
            keys.Insert(p, key);
        }

        for (int i = 1; i < keys.Count; i++)
        {
            string.CompareOrdinal(keys[i - 1], keys[i]).ShouldBeLessThan(0, $"at {i}: {keys[i - 1]} vs {keys[i]}");
        }
    }

    [Fact]
    public void Between_EqualKeys_ReturnsNull() => RankKey.Between("U0000", "U0000").ShouldBeNull();

    [Fact]
    public void Between_AdjacentKeys_FindsRoom()
    {
        string key = RankKey.Between("U0000", "U0001")!;
        string.CompareOrdinal("U0000", key).ShouldBeLessThan(0);
        string.CompareOrdinal(key, "U0001").ShouldBeLessThan(0);
    }
}

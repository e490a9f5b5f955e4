using Letta.Plugins.Sync.Tests.Support.Rounds;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>
/// Randomised rounds of creates, edits, deletes, renames and bulk creates on two and three devices whose cloud copies
/// a lagging client keeps in sync (late, out of order, half-written, with iCloud duplicates). After every run: no
/// file holds content nobody wrote, and every device's last write to every path is in a tree or listed as moved to
/// versions; after the client settles: identical trees and nothing left to do. <c>LETTA_SYNC_SEEDS</c> raises the
/// number of seeds (the suite runs a few dozen; a soak run can take thousands).
/// </summary>
public sealed class LaggedRoundsTests
{
    private const int Rounds = 24;

    public static TheoryData<int> TwoDeviceSeeds => Seeds(first: 1, defaultCount: 40);

    public static TheoryData<int> ThreeDeviceSeeds => Seeds(first: 10_001, defaultCount: 25);

    [Theory]
    [MemberData(nameof(TwoDeviceSeeds))]
    public void Rounds_TwoDevicesLaggedCloud_NothingLostAndTreesConverge(int seed) => Check(seed, devices: 2);

    [Theory]
    [MemberData(nameof(ThreeDeviceSeeds))]
    public void Rounds_ThreeDevicesLaggedCloud_NothingLostAndTreesConverge(int seed) => Check(seed, devices: 3);

    private static void Check(int seed, int devices)
    {
        using var rounds = new LagRounds(seed, devices);
        List<string> failures = rounds.Run(Rounds);
        failures.ShouldBeEmpty($"seed {seed}, {devices} devices:\n" + string.Join("\n", failures));
    }

    private static TheoryData<int> Seeds(int first, int defaultCount)
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("LETTA_SYNC_SEEDS"), out int n) && n > 0 ? n : defaultCount;
        var data = new TheoryData<int>();
        foreach (int seed in Enumerable.Range(first, count))
        {
            data.Add(seed);
        }

        return data;
    }
}

using Letta.Plugins.Sync.Hosting;

namespace Letta.Plugins.Sync.Tests.Plugin;

public sealed class SyncSchedulerTests
{
    [Theory]
    [InlineData(0.0, 45)]
    [InlineData(0.5, 60)]
    [InlineData(1.0, 75)]
    public void NextDelay_Jitter_SpreadsAroundTheInterval(double random, int expectedMinutes)
    {
        SyncScheduler.NextDelay(TimeSpan.FromHours(1), TimeSpan.FromMinutes(15), random).ShouldBe(TimeSpan.FromMinutes(expectedMinutes));
    }

    [Fact]
    public void NextDelay_NeverBelowOneMinute()
    {
        SyncScheduler.NextDelay(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(59), 0).ShouldBe(TimeSpan.FromMinutes(1));
    }
}

using Letta.Host.Plugins;

namespace Letta.Host.Tests.Plugins;

public sealed class VersionRangeTests
{
    [Theory]
    [InlineData(">=1.0.0 <2.0.0", "1.2.0", true)]
    [InlineData(">=1.0.0 <2.0.0", "2.0.0", false)]
    [InlineData(">=1.0.0 <2.0.0", "2.0.0-beta", true)]
    [InlineData("^1.2", "1.9.9", true)]
    [InlineData("^1.2", "1.1.0", false)]
    [InlineData("^0.3.1", "0.4.0", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("1.2.3", "1.2.3", true)]
    [InlineData("*", "9.9.9", true)]
    public void IsSatisfiedBy_Range_MatchesSemVer(string range, string version, bool expected)
    {
        VersionRange.TryParse(range, out VersionRange parsed).ShouldBeTrue();
        SemanticVersion.TryParse(version, out SemanticVersion parsedVersion).ShouldBeTrue();

        parsed.IsSatisfiedBy(parsedVersion).ShouldBe(expected);
    }

    [Theory]
    [InlineData(">=one")]
    [InlineData("1.2.3.4")]
    [InlineData("^")]
    public void TryParse_Garbage_Fails(string range) => VersionRange.TryParse(range, out _).ShouldBeFalse();
}

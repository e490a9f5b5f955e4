namespace Letta.Samples.EchoConnector.Tests;

public sealed class EchoOptionsValidatorTests
{
    private readonly EchoOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_IsValid() =>
        _validator.Validate(new EchoOptions()).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData(1)]
    [InlineData(EchoOptions.MaxEventsLimit)]
    public void Validate_MaxEventsAtBounds_IsValid(int maxEvents) =>
        _validator.Validate(new EchoOptions { MaxEvents = maxEvents }).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(EchoOptions.MaxEventsLimit + 1)]
    public void Validate_MaxEventsOutOfRange_NamesMaxEvents(int maxEvents)
    {
        var result = _validator.Validate(new EchoOptions { MaxEvents = maxEvents });

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => e.PropertyName).ShouldBe(["MaxEvents"]);
    }

    [Fact]
    public void Validate_PrefixNull_NamesPrefix()
    {
        var result = _validator.Validate(new EchoOptions { Prefix = null! });

        result.Errors.Select(e => e.PropertyName).ShouldBe(["Prefix"]);
    }

    [Fact]
    public void Validate_PrefixTooLong_NamesPrefix()
    {
        var result = _validator.Validate(new EchoOptions { Prefix = new string('x', 101) });

        result.Errors.Select(e => e.PropertyName).ShouldBe(["Prefix"]);
    }

    [Fact]
    public void Validate_EmptyPrefix_IsValid() =>
        _validator.Validate(new EchoOptions { Prefix = "" }).IsValid.ShouldBeTrue();
}

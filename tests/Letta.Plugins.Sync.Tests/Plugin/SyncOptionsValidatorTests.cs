using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Options;
namespace Letta.Plugins.Sync.Tests.Plugin;

public sealed class SyncOptionsValidatorTests
{
    private readonly SyncOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_AreValidAndHaveTheOriginalFive()
    {
        var options = new SyncOptions();

        _validator.Validate(options).IsValid.ShouldBeTrue();
        options.Categories.Keys.ShouldBe(["memories", "code", "settings", "databases", "extensions"], ignoreOrder: true);
        options.Categories["databases"].Kind.ShouldBe(SyncCategoryKind.Sqlite);
        options.Categories["extensions"].Kind.ShouldBe(SyncCategoryKind.Unit);
    }

    [Theory]
    [InlineData("TombstoneRetentionDays")]
    [InlineData("Jitter")]
    [InlineData("DeletionLimitPercent")]
    [InlineData("Categories")]
    [InlineData("MaxConflictCopies")]
    public void Validate_BadValue_NamesTheField(string field)
    {
        var options = new SyncOptions();
        switch (field)
        {
            case "TombstoneRetentionDays": options.TombstoneRetentionDays = 30; break;
            case "Jitter": options.Jitter = TimeSpan.FromHours(2); break;
            case "DeletionLimitPercent": options.DeletionLimitPercent = 150; break;
            case "Categories": options.Categories["Bad Name"] = new SyncCategoryOptions { Path = "/x" }; break;
            case "MaxConflictCopies": options.MaxConflictCopies = 0; break;
        }

        var result = _validator.Validate(options);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.PropertyName.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EnabledCategoryWithoutPath_Fails()
    {
        var options = new SyncOptions();
        options.Categories["notes"] = new SyncCategoryOptions { Path = "" };

        _validator.Validate(options).IsValid.ShouldBeFalse();
    }
}

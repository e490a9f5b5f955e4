using FluentValidation.Results;
using Letta.Plugins.Tasks.Options;

namespace Letta.Plugins.Tasks.Tests.Options;

public sealed class TasksOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValid() => new TasksOptionsValidator().Validate(new TasksOptions()).IsValid.ShouldBeTrue();

    [Fact]
    public void Validate_BadValues_NameEachField()
    {
        var options = new TasksOptions
        {
            ArchiveAfterDays = -1,
            TombstoneRetentionDays = 0,
            DeviceId = "has space",
            WipLimits = new(StringComparer.OrdinalIgnoreCase) { ["Doing"] = 3, ["Review"] = 0 },
        };

        ValidationResult result = new TasksOptionsValidator().Validate(options);

        result.Errors.Select(e => e.PropertyName).ShouldBe(
            ["ArchiveAfterDays", "TombstoneRetentionDays", "DeviceId", "WipLimits.Doing", "WipLimits.Review"], ignoreOrder: true);
    }
}

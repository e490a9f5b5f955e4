using FluentValidation;

namespace Letta.TestPlugins.OldValidation;

/// <summary>A FluentValidation 11 validator: a different major (and load) than the host's FluentValidation 12.</summary>
public sealed class OldValidationOptionsValidator : AbstractValidator<OldValidationOptions>
{
    public OldValidationOptionsValidator() => RuleFor(o => o.Name).NotEmpty();
}

using FluentValidation;

namespace Letta.TestPlugins.Good;

/// <summary>Validates <see cref="GoodOptions"/>; found by the host's scan of the entry assembly.</summary>
public sealed class GoodOptionsValidator : AbstractValidator<GoodOptions>
{
    public GoodOptionsValidator()
    {
        RuleFor(o => o.Greeting).NotEmpty().MaximumLength(50);
        RuleFor(o => o.Limit).InclusiveBetween(1, 100);
    }
}

using FluentValidation;

namespace Letta.Samples.EchoConnector.Options;

/// <summary>
/// Validates <see cref="EchoOptions"/>. The host finds this class in the entry assembly and runs it before
/// <c>StartAsync</c>; on failure the plugin is <c>InvalidConfiguration</c> with one error per field and never starts.
/// </summary>
internal sealed class EchoOptionsValidator : AbstractValidator<EchoOptions>
{
    /// <summary>Declares the rules.</summary>
    public EchoOptionsValidator()
    {
        RuleFor(o => o.Prefix).NotNull().MaximumLength(100);
        RuleFor(o => o.MaxEvents).InclusiveBetween(1, EchoOptions.MaxEventsLimit);
    }
}

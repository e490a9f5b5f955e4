using FluentValidation;

namespace Letta.Plugins.Memory.Options;

/// <summary>Validates <see cref="MemoryOptions"/> before the plugin starts.</summary>
internal sealed class MemoryOptionsValidator : AbstractValidator<MemoryOptions>
{
    /// <summary>Creates the rules.</summary>
    public MemoryOptionsValidator()
    {
        RuleFor(x => x.Provider)
            .Must(p => p is null || p.Trim().Length == 0 || p.Trim().ToLowerInvariant() is MemoryOptions.SqliteProvider or MemoryOptions.PostgresProvider)
            .WithMessage("Provider must be 'sqlite' or 'postgres'.");
        RuleFor(x => x.ConnectionString)
            .NotEmpty()
            .When(x => x.EffectiveProvider == MemoryOptions.PostgresProvider)
            .WithMessage("ConnectionString is required for the postgres provider.");
        RuleFor(x => x.ConnectionString)
            .Must(cs => cs is null || !cs.Contains("${env:", StringComparison.Ordinal))
            .WithMessage("ConnectionString names an environment variable that is not set.");
        RuleFor(x => x.MaxContentLength).InclusiveBetween(1, 10_000_000);
        RuleFor(x => x.MaxTitleLength).InclusiveBetween(1, 100_000);
        RuleFor(x => x.MaxTags).InclusiveBetween(0, 1_000);
        RuleFor(x => x.MaxTagLength).InclusiveBetween(1, 1_000);
        RuleFor(x => x.MaxPageSize).InclusiveBetween(1, 10_000);
        RuleFor(x => x.DefaultPageSize).InclusiveBetween(1, 10_000)
            .LessThanOrEqualTo(x => x.MaxPageSize).WithMessage("DefaultPageSize must not exceed MaxPageSize.");
        RuleFor(x => x.ImportBatchSize).InclusiveBetween(1, 100_000);
        RuleFor(x => x.SqliteMmapMegabytes).InclusiveBetween(0, 1_048_576);
    }
}

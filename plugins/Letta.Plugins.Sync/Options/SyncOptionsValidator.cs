using FluentValidation;

namespace Letta.Plugins.Sync.Options;

/// <summary>Validates <see cref="SyncOptions"/>; the host reports failures as <c>InvalidConfiguration</c> with field errors.</summary>
internal sealed class SyncOptionsValidator : AbstractValidator<SyncOptions>
{
    public SyncOptionsValidator()
    {
        RuleFor(o => o.Interval).GreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
        RuleFor(o => o.Jitter).GreaterThanOrEqualTo(TimeSpan.Zero).LessThan(o => o.Interval);
        RuleFor(o => o.WatchDebounce).GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        RuleFor(o => o.CloudPollInterval).Must(t => t == TimeSpan.Zero || t >= TimeSpan.FromSeconds(1)).WithMessage("'CloudPollInterval' must be 0 (off) or at least 1 second.");
        RuleFor(o => o.CloudDebounce).GreaterThanOrEqualTo(TimeSpan.Zero);
        RuleFor(o => o.DeletionLimit).GreaterThanOrEqualTo(0);
        RuleFor(o => o.DeletionLimitPercent).InclusiveBetween(0, 100);
        RuleFor(o => o.ConflictLimit).GreaterThanOrEqualTo(0);
        RuleFor(o => o.MaxConflictCopies).GreaterThanOrEqualTo(1);
        RuleFor(o => o.TombstoneRetentionDays).GreaterThanOrEqualTo(90).WithMessage("Tombstones must be kept at least 90 days.");
        RuleFor(o => o.VersionsRetentionDays).GreaterThanOrEqualTo(1);
        RuleFor(o => o.CloudFolder).Must(p => p is null || p.Trim().Length > 0).WithMessage("'CloudFolder' must not be blank.");
        RuleForEach(o => o.Categories).ChildRules(category =>
        {
            category.RuleFor(kv => kv.Key).Matches("^[a-z0-9][a-z0-9_-]{0,39}$")
                .WithMessage("Category names are lower-case letters, digits, '-' or '_' (at most 40).");
            category.RuleFor(kv => kv.Value.Path).NotEmpty().When(kv => kv.Value.Enabled).WithName("Path");
            category.RuleFor(kv => kv.Value.MaxFileSize).GreaterThan(0).When(kv => kv.Value.MaxFileSize is not null).WithName("MaxFileSize");
            category.RuleFor(kv => kv.Value.Direction).IsInEnum().WithName("Direction");
            category.RuleFor(kv => kv.Value.Kind).IsInEnum().WithName("Kind");
        });
    }
}

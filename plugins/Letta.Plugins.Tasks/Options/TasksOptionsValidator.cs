using FluentValidation;
using FluentValidation.Results;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Options;

/// <summary>Validates <see cref="TasksOptions"/>; the host runs it before start and reports field errors.</summary>
internal sealed class TasksOptionsValidator : AbstractValidator<TasksOptions>
{
    public TasksOptionsValidator()
    {
        RuleFor(o => o.Folder)
            .Must(f => f is null || (f.Trim().Length > 0 && f.IndexOfAny(Path.GetInvalidPathChars()) < 0))
            .WithMessage("folder must be a non-empty path when set");
        RuleFor(o => o.ArchiveAfterDays).InclusiveBetween(0, 36500);
        RuleFor(o => o.ArchiveInterval).Must(t => t >= TimeSpan.FromSeconds(1) && t <= TimeSpan.FromDays(7))
            .WithMessage("archiveInterval must be between 00:00:01 and 7.00:00:00");
        RuleFor(o => o.TombstoneRetentionDays).InclusiveBetween(1, 3650);
        RuleFor(o => o.SyncInterval).Must(t => t >= TimeSpan.FromMilliseconds(100) && t <= TimeSpan.FromDays(1))
            .WithMessage("syncInterval must be between 00:00:00.1 and 1.00:00:00");
        RuleFor(o => o.WatchDebounce).Must(t => t >= TimeSpan.Zero && t <= TimeSpan.FromMinutes(1))
            .WithMessage("watchDebounce must be between 0 and 1 minute");
        RuleFor(o => o.LockTimeout).Must(t => t > TimeSpan.Zero && t <= TimeSpan.FromMinutes(5))
            .WithMessage("lockTimeout must be positive and at most 5 minutes");
        RuleFor(o => o.DeviceId)
            .Matches("^[A-Za-z0-9_.-]{1,64}$").When(o => o.DeviceId is not null)
            .WithMessage("deviceId may hold only letters, digits, '_', '.' and '-' (1 to 64)");
        RuleFor(o => o.WipLimits).Custom((limits, ctx) =>
        {
            foreach ((string column, int limit) in limits ?? [])
            {
                if (!Enum.TryParse<TaskColumn>(column, ignoreCase: true, out _) || int.TryParse(column, out _))
                {
                    ctx.AddFailure(new ValidationFailure($"WipLimits.{column}", $"'{column}' is not a column (Backlog, InProgress, Review, Completed)"));
                }
                else if (limit < 1)
                {
                    ctx.AddFailure(new ValidationFailure($"WipLimits.{column}", $"the limit for {column} must be at least 1"));
                }
            }
        });
    }
}

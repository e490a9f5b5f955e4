namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// One task as stored in <c>tasks.json</c> (active) or <c>task_archive.json</c> (archived). Immutable: a change
/// makes a copy with a higher <see cref="Version"/>, so a published board snapshot never changes under a reader.
/// </summary>
internal sealed record TaskItem
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Markdown.</summary>
    public string Description { get; init; } = "";

    public TaskColumn Status { get; init; }

    public TaskPriority Priority { get; init; } = TaskPriority.Medium;

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Optional due date (UTC).</summary>
    public DateTimeOffset? DueDate { get; init; }

    /// <summary>
    /// Sort key within the column (fractional rank, ordinal order, ties broken by id). A rank rather than an
    /// index lets two devices' moves merge without renumbering everything else.
    /// </summary>
    public string Rank { get; init; } = RankKey.First;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Set while the task is in the archive.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Per-task version: every change, archive and restore adds one. The first merge criterion.</summary>
    public long Version { get; init; } = 1;

    /// <summary>The device that made the last change; the final, deterministic merge tie-break.</summary>
    public string DeviceId { get; init; } = "";

    /// <summary>Ids of this task in other systems, keyed by system (e.g. <c>taskade</c>).</summary>
    public IReadOnlyDictionary<string, string> ExternalRefs { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-field stamps for the merge; absent in files written before fields were tracked (then all fields tie).</summary>
    public TaskClock? Clock { get; init; }

    internal EntryStamp Stamp(EntryState state) => new(Version, state, UpdatedAt, DeviceId);
}

using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Options;

namespace Letta.Plugins.Tasks.Board;

/// <summary>The resolved, ready-to-use settings of one board.</summary>
internal sealed record BoardSettings
{
    public const string BoardFileName = "tasks.json";
    public const string ArchiveFileName = "task_archive.json";
    public const string LockFileName = ".tasks.lock";

    public required string Folder { get; init; }

    public required string DeviceId { get; init; }

    public string DeviceName { get; init; } = Environment.MachineName;

    /// <summary>Where the last good copy of the board is kept locally; null to keep none.</summary>
    public string? DataDirectory { get; init; }

    public TimeSpan ArchiveAfter { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan TombstoneRetention { get; init; } = TimeSpan.FromDays(30);

    public IReadOnlyDictionary<TaskColumn, int> WipLimits { get; init; } = new Dictionary<TaskColumn, int>();

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public string BoardPath => Path.Combine(Folder, BoardFileName);

    public string ArchivePath => Path.Combine(Folder, ArchiveFileName);

    /// <summary>Folder of the lock file; null means the task folder.</summary>
    public string? LockDirectory { get; init; }

    public string LockPath => Path.Combine(LockDirectory ?? Folder, LockFileName);

    public static BoardSettings From(TasksOptions options, string homeDirectory, string? dataDirectory)
    {
        var limits = new Dictionary<TaskColumn, int>();
        foreach ((string key, int value) in options.WipLimits)
        {
            if (Enum.TryParse(key, ignoreCase: true, out TaskColumn column))
            {
                limits[column] = value;
            }
        }

        return new BoardSettings
        {
            Folder = TaskFolderResolver.Resolve(options.Folder, homeDirectory),
            DeviceId = options.DeviceId ?? DeviceIdentity.LoadOrCreate(dataDirectory),
            DeviceName = options.DeviceName ?? Environment.MachineName,
            DataDirectory = dataDirectory,
            ArchiveAfter = TimeSpan.FromDays(options.ArchiveAfterDays),
            TombstoneRetention = TimeSpan.FromDays(options.TombstoneRetentionDays),
            WipLimits = limits,
            LockTimeout = options.LockTimeout,
            LockDirectory = string.IsNullOrWhiteSpace(options.LockDirectory) ? null : TaskFolderResolver.Resolve(options.LockDirectory, homeDirectory),
        };
    }
}

namespace Letta.Plugins.Tasks.Options;

/// <summary>Settings of the <c>tasks</c> plugin (the <c>settings</c> object of <c>tasks</c> in <c>plugins.json</c>).</summary>
internal sealed class TasksOptions
{
    /// <summary>
    /// The task folder holding <c>tasks.json</c> and <c>task_archive.json</c>. Default: iCloud Drive's
    /// <c>Windsurf Workspace/task_management</c> when that folder exists (macOS), else
    /// <c>$LETTA_HOME/cloud/task_management</c>. <c>~</c> expands to the user's home.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>Completed tasks older than this many days move to the archive. Default: 7. 0 archives every completed task.</summary>
    public int ArchiveAfterDays { get; set; } = 7;

    /// <summary>How often the automatic archive runs (it also runs at start). Default: 1 hour.</summary>
    public TimeSpan ArchiveInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Optional work-in-progress limit per column name (e.g. <c>{"InProgress": 3}</c>). Default: none.</summary>
    public Dictionary<string, int> WipLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>This device's id in merge tie-breaks. Default: generated once and kept in the plugin's data directory.</summary>
    public string? DeviceId { get; set; }

    /// <summary>A readable name for this device. Default: the machine name.</summary>
    public string? DeviceName { get; set; }

    /// <summary>Days a deletion is remembered so another device cannot bring the task back. Default: 30.</summary>
    public int TombstoneRetentionDays { get; set; } = 30;

    /// <summary>
    /// How often the folder is re-checked for changes from other devices, as a safety net under the file
    /// watcher (watchers miss events). Default: 30 seconds.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quiet time after a watcher event before reloading. Default: 200 ms.</summary>
    public TimeSpan WatchDebounce { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Folder of the machine-local lock file <c>.tasks.lock</c>. Default: the task folder, so every host on this
    /// machine that uses the folder is serialised. Hosts with different lock folders behave like separate devices.
    /// </summary>
    public string? LockDirectory { get; set; }

    /// <summary>How long a write waits for the writer lock. Default: 15 seconds.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

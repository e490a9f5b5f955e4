using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Options;

/// <summary>Settings of the <c>sync</c> plugin (the plugin's <c>settings</c> object in <c>plugins.json</c>).</summary>
internal sealed class SyncOptions
{
    /// <summary>
    /// The shared cloud-drive folder. Default: <c>~/Library/Mobile Documents/com~apple~CloudDocs/Letta Sync</c> when
    /// iCloud Drive exists, else <c>$LETTA_HOME/cloud/sync</c>.
    /// </summary>
    public string? CloudFolder { get; set; }

    /// <summary>This device's human name. Default: the host name.</summary>
    public string? DeviceName { get; set; }

    /// <summary>Scheduled full sync interval. Default: 1 hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Random ± spread of each scheduled run, so devices do not run in lockstep. Default: 15 minutes.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether scheduled runs happen at all. Default: true.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>Whether local changes trigger a (debounced) run. Default: true.</summary>
    public bool WatchFiles { get; set; } = true;

    /// <summary>Quiet time after the last local change before a watcher-triggered run. Default: 10 seconds.</summary>
    public TimeSpan WatchDebounce { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether another device's new manifest in the cloud folder triggers a (debounced) run: near-real-time pulls. Default: true.</summary>
    public bool WatchCloud { get; set; } = true;

    /// <summary>How often the cloud folder's manifests are polled, for drives that raise no file events (0 turns the poll off). Default: 15 seconds.</summary>
    public TimeSpan CloudPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Quiet time after another device's manifest changed before the run (a manifest can arrive in pieces). Default: 2 seconds.</summary>
    public TimeSpan CloudDebounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deletions allowed per run without <c>--force</c>: at least this many. Default: 20.</summary>
    public int DeletionLimit { get; set; } = 20;

    /// <summary>…or this percentage of the category, whichever is larger. Default: 10.</summary>
    public int DeletionLimitPercent { get; set; } = 10;

    /// <summary>New conflicts allowed per run without <c>--force</c>. Default: 50.</summary>
    public int ConflictLimit { get; set; } = 50;

    /// <summary>
    /// Conflict copies kept per file. Past it the oldest (by the time in their name, then name) are moved to the local
    /// versions folder, never unlinked; every device picks the same ones. Default: 10.
    /// </summary>
    public int MaxConflictCopies { get; set; } = 10;

    /// <summary>How long deletions are remembered (tombstones). Default: 90 days, the minimum.</summary>
    public int TombstoneRetentionDays { get; set; } = 90;

    /// <summary>How long overwritten and deleted files stay in the local versions folder. Default: 30 days.</summary>
    public int VersionsRetentionDays { get; set; } = 30;

    /// <summary>
    /// Categories by name. The defaults follow the original five (memories, code, settings, databases, extensions);
    /// entries given in <c>plugins.json</c> override or extend them (<c>"enabled": false</c> turns one off).
    /// </summary>
    public Dictionary<string, SyncCategoryOptions> Categories { get; set; } = DefaultCategories();

    /// <summary>The five default categories.</summary>
    public static Dictionary<string, SyncCategoryOptions> DefaultCategories() => new(StringComparer.Ordinal)
    {
        ["memories"] = new() { Path = "~/.codeium/windsurf/memories" },
        ["code"] = new() { Path = "~/CascadeProjects", MaxFileSize = 50L * 1024 * 1024 },
        ["settings"] = new() { Path = "~/.codeium/windsurf/settings" },
        ["databases"] = new() { Path = "~/.codeium/windsurf/db", Kind = SyncCategoryKind.Sqlite },
        ["extensions"] = new() { Path = "~/.codeium/windsurf/extensions", Kind = SyncCategoryKind.Unit },
    };
}

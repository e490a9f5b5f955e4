using Letta.Plugins.Shared;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Scanning;

using Letta.Plugins.Sync.Options;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>Turns the plugin's settings and context into an engine configuration.</summary>
internal static class SyncEngineOptionsFactory
{
    /// <summary>iCloud Drive's local root on macOS.</summary>
    public const string ICloudDrive = "~/Library/Mobile Documents/com~apple~CloudDocs";

    public static SyncEngineOptions Create(SyncOptions options, IPluginContext context, TimeProvider clock) => new()
    {
        CloudFolder = ResolveCloudFolder(options, context),
        StateDirectory = context.DataDirectory,
        DeviceName = options.DeviceName,
        Categories = options.Categories
            .Where(kv => kv.Value.Enabled)
            .ToDictionary(kv => kv.Key, kv => new SyncCategory(
                kv.Key,
                Expand(kv.Value.Path, context),
                kv.Value.Direction,
                kv.Value.Kind,
                kv.Value.MaxFileSize ?? long.MaxValue)
            {
                Include = kv.Value.Include ?? [],
                Exclude = kv.Value.Exclude ?? IgnoreRules.DefaultExcludes,
            }, StringComparer.Ordinal),
        DeletionLimit = options.DeletionLimit,
        DeletionLimitPercent = options.DeletionLimitPercent,
        ConflictLimit = options.ConflictLimit,
        MaxConflictCopies = options.MaxConflictCopies,
        TombstoneRetention = TimeSpan.FromDays(options.TombstoneRetentionDays),
        VersionsRetention = TimeSpan.FromDays(options.VersionsRetentionDays),
        Clock = clock,
        AppVersion = context.Version,
    };

    /// <summary>The configured folder, else iCloud Drive's "Letta Sync" when iCloud Drive exists, else $LETTA_HOME/cloud/sync.</summary>
    public static string ResolveCloudFolder(SyncOptions options, IPluginContext context)
    {
        if (!string.IsNullOrWhiteSpace(options.CloudFolder))
        {
            return Expand(options.CloudFolder, context);
        }

        string icloud = Expand(ICloudDrive, context);
        if (Directory.Exists(icloud))
        {
            return Path.Combine(icloud, "Letta Sync");
        }

        // The local default is Letta's own folder, not a mount: creating it is safe (a configured or iCloud folder
        // that is missing is never created, because missing means "not mounted").
        string local = Path.Combine(context.HomeDirectory, "cloud", "sync");
        PrivateFiles.CreateDirectory(local);
        return local;
    }

    public static string Expand(string path, IPluginContext context)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string expanded = path.Replace("$LETTA_HOME", context.HomeDirectory, StringComparison.Ordinal);
        if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal))
        {
            expanded = home + expanded[1..];
        }

        return Path.GetFullPath(expanded);
    }
}

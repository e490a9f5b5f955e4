using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Hosting;

namespace Letta.Plugins.Sync.Api;

/// <summary><c>GET status</c>: the cloud folder, whether a run is going on, and each category with its last run.</summary>
internal sealed record SyncStatusView(string CloudFolder, bool CloudReachable, bool Running, IReadOnlyList<SyncCategoryView> Categories)
{
    public static SyncStatusView From(SyncService sync)
    {
        SyncEngineOptions options = sync.EngineOptions;
        return new SyncStatusView(
            options.CloudFolder,
            Directory.Exists(options.CloudFolder),
            sync.IsRunning,
            options.Categories.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new SyncCategoryView(
                c.Name, c.LocalPath, Directory.Exists(c.LocalPath), c.Kind.ToString(), c.Direction.ToString(), sync.Status.Get(c.Name))).ToList());
    }
}

using Letta.Plugins.Sync.Hosting;

namespace Letta.Plugins.Sync.Api;

/// <summary>One category in <c>GET status</c>.</summary>
internal sealed record SyncCategoryView(string Name, string Path, bool PathExists, string Kind, string Direction, CategoryStatus? LastRun);

using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine;

/// <summary>One category as the engine sees it: resolved local path and rules.</summary>
internal sealed record SyncCategory(
    string Name,
    string LocalPath,
    SyncDirection Direction = SyncDirection.TwoWay,
    SyncCategoryKind Kind = SyncCategoryKind.Files,
    long MaxFileSize = long.MaxValue)
{
    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = IgnoreRules.DefaultExcludes;
}

namespace Letta.Plugins.Sync.Engine;

/// <summary>How to run one category.</summary>
/// <param name="DryRun">Plan only: print the exact plan and change nothing, not even local state.</param>
/// <param name="Force">Skip the limit gates (deletions, empty side, mass change, conflicts); never the marker or lock checks.</param>
internal sealed record SyncRunRequest(bool DryRun = false, bool Force = false)
{
    /// <summary>Called with short progress lines on long runs.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Receive-only categories only: make the local folder match the cluster again (local versions kept in versions/).</summary>
    public bool Revert { get; init; }

    /// <summary>Send-only categories only: republish the local state over remote edits not applied here.</summary>
    public bool Override { get; init; }
}

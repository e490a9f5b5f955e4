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

    /// <summary>
    /// The one rule for <see cref="Revert"/> and <see cref="Override"/>: each resolves the divergence of a category of
    /// the matching direction. Returns the offending field and the message, or nulls when the request fits.
    /// </summary>
    public (string? Field, string? Error) DirectionError(string categoryName, SyncDirection direction)
    {
        if (Revert && direction != SyncDirection.ReceiveOnly)
        {
            return ("revert", $"'revert' applies to receive-only categories only; '{categoryName}' is {direction}.");
        }

        return Override && direction != SyncDirection.SendOnly
            ? ("override", $"'override' applies to send-only categories only; '{categoryName}' is {direction}.")
            : (null, null);
    }
}

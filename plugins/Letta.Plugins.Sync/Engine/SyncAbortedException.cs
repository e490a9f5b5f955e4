namespace Letta.Plugins.Sync.Engine;

/// <summary>A safety gate tripped before any change was made.</summary>
internal sealed class SyncAbortedException(SyncGate gate, string message) : Exception(message)
{
    public SyncGate Gate { get; } = gate;

    /// <summary>Whether <c>--force</c> would let the run proceed.</summary>
    public bool Forceable => Gate is SyncGate.DeletionLimit or SyncGate.EmptySide or SyncGate.MassChange or SyncGate.ConflictLimit;
}

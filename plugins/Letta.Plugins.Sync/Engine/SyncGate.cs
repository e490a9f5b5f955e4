namespace Letta.Plugins.Sync.Engine;

/// <summary>The safety gate that stopped a run.</summary>
internal enum SyncGate
{
    Lock,
    CloudMarker,
    LocalMarker,
    Revoked,
    DeletionLimit,
    EmptySide,
    MassChange,
    ConflictLimit,
}

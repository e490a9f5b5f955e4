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

    /// <summary>A synced folder is a symbolic link now: its files are not read as deleted; the run stops.</summary>
    LinkedFolder,
}

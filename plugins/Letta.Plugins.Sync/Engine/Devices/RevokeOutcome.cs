namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>What a revoke request came to.</summary>
internal enum RevokeOutcome
{
    Revoked,
    UnknownDevice,
    Self,

    /// <summary>This device is revoked itself: it can revoke no one.</summary>
    RevokerRevoked,
}

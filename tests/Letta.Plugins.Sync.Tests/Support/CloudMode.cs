namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>How the devices of a <see cref="SyncWorld"/> see the cloud folder.</summary>
public enum CloudMode
{
    /// <summary>One folder every device sees at once (a LAN share; the old test world).</summary>
    Shared,

    /// <summary>
    /// A copy per device with a simulated cloud client between them (<see cref="Cloud.CloudSimulator"/>). Before each
    /// run a device first runs once on a copy that has everything but the other devices' newest manifests, some of it
    /// half-written; then the rest arrives, whole, in random order with iCloud duplicates, and the run the test sees
    /// starts. So every device publishes its own changes before it has seen the others' — the lag of a real drive.
    /// </summary>
    Lagged,
}

namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary><c>devices/&lt;DEVICEID&gt;.json</c>: a device's registration, written only by that device.</summary>
internal sealed record DeviceRecord(string Id, string Name, string Os, DateTimeOffset Created, DateTimeOffset LastSeen, string AppVersion)
{
    /// <summary>Devices this device revoked, as written before revocations carried a time (read as revoked at once).</summary>
    public IReadOnlyList<string> Revoked { get; init; } = [];

    /// <summary>Devices this device revoked, with when (see <see cref="DeviceRegistry.RevokedSet"/>).</summary>
    public IReadOnlyList<Revocation> Revocations { get; init; } = [];
}

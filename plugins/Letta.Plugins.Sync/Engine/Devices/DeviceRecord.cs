namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary><c>devices/&lt;DEVICEID&gt;.json</c>: a device's registration, written only by that device.</summary>
internal sealed record DeviceRecord(string Id, string Name, string Os, DateTimeOffset Created, DateTimeOffset LastSeen, string AppVersion)
{
    /// <summary>Devices this device revoked; the effective revoked set is the union over non-revoked devices.</summary>
    public IReadOnlyList<string> Revoked { get; init; } = [];
}

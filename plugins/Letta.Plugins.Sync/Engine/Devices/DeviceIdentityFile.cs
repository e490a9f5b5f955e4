namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>device.json in the plugin's data directory; never in the cloud folder.</summary>
internal sealed record DeviceIdentityFile(string DeviceId, string Secret, string Fingerprint, string Name, DateTimeOffset Created);

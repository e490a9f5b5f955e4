namespace Letta.Plugins.Sync.Api;

/// <summary>A device registered in the cloud folder, as <c>GET devices</c> lists it.</summary>
internal sealed record SyncDeviceInfo(string Id, string Name, string Os, DateTimeOffset Created, DateTimeOffset LastSeen, string AppVersion, bool ThisDevice, bool Revoked);

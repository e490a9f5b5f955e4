namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>One device revoked by the device whose registration lists it, at a time.</summary>
internal sealed record Revocation(string DeviceId, DateTimeOffset At);

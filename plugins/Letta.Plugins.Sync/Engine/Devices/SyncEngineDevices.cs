namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>Device listing and revocation on top of an engine.</summary>
internal static class SyncEngineDevices
{
    public static IReadOnlyList<DeviceRecord> List(SyncEngine engine) => new DeviceRegistry(engine.Layout, engine.Device, engine.Options.AppVersion).List();

    public static RevokeOutcome Revoke(SyncEngine engine, string deviceId) =>
        new DeviceRegistry(engine.Layout, engine.Device, engine.Options.AppVersion).Revoke(deviceId, engine.Options.Clock.GetUtcNow());
}

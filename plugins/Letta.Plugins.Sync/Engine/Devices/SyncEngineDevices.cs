namespace Letta.Plugins.Sync.Engine.Devices;

/// <summary>Device listing and revocation on top of an engine.</summary>
internal static class SyncEngineDevices
{
    public static IReadOnlyList<DeviceRecord> List(SyncEngine engine) => new DeviceRegistry(engine.Layout, engine.Device, engine.Options.AppVersion).List();

    public static bool Revoke(SyncEngine engine, string deviceId)
    {
        var registry = new DeviceRegistry(engine.Layout, engine.Device, engine.Options.AppVersion);
        if (deviceId == engine.Device.Id || registry.List().All(d => d.Id != deviceId))
        {
            return false;
        }

        registry.Revoke(deviceId, engine.Options.Clock.GetUtcNow());
        return true;
    }
}

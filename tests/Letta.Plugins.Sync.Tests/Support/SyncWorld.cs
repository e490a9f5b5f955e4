namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>One shared "cloud" directory and any number of simulated devices, all under one temp directory.</summary>
internal sealed class SyncWorld : IDisposable
{
    /// <param name="parent">Where the world lives; default the temp directory.</param>
    public SyncWorld(string? parent = null)
    {
        Root = Path.Combine(parent ?? Path.GetTempPath(), "letta-sync-tests", Guid.NewGuid().ToString("N")[..12]);
        Cloud = Path.Combine(Root, "cloud");
        Directory.CreateDirectory(Cloud);
    }

    public string Root { get; }

    public string Cloud { get; }

    public SimulatedDevice AddDevice(string name, Action<SimulatedDeviceSetup>? setup = null)
    {
        var s = new SimulatedDeviceSetup();
        setup?.Invoke(s);
        return new SimulatedDevice(this, name, s);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Tests.Support.Cloud;

namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>
/// Simulated devices under one temp directory, and the cloud folder between them: one shared folder, or one copy per
/// device with a simulated cloud client between the copies (<see cref="CloudMode"/>).
/// </summary>
internal sealed class SyncWorld : IDisposable
{
    /// <summary>What a device's copy lacks just before its preliminary run in <see cref="CloudMode.Lagged"/>.</summary>
    private static readonly CloudLag s_beforePreRun = new() { DeliverShare = 1, PartialChance = 0.3, DuplicateChance = 0.05 };

    /// <summary>The delivery just before the run a test sees: everything, whole, in random order, a few duplicates.</summary>
    private static readonly CloudLag s_beforeRun = CloudLag.Prompt with { DuplicateChance = 0.05 };

    /// <param name="mode">How the devices see the cloud folder.</param>
    /// <param name="seed">The simulated client's seed (<see cref="CloudMode.Lagged"/>).</param>
    /// <param name="parent">Where the world lives; default the temp directory.</param>
    public SyncWorld(CloudMode mode = CloudMode.Shared, int seed = 1, string? parent = null)
    {
        Mode = mode;
        Root = Path.Combine(parent ?? Path.GetTempPath(), "letta-sync-tests", Guid.NewGuid().ToString("N")[..12]);
        SharedCloud = Path.Combine(Root, "cloud");
        Directory.CreateDirectory(SharedCloud);
        Simulator = mode == CloudMode.Lagged ? new CloudSimulator(seed) : null;
    }

    public CloudMode Mode { get; }

    public string Root { get; }

    /// <summary>The simulated cloud client (<see cref="CloudMode.Lagged"/> only).</summary>
    public CloudSimulator? Simulator { get; }

    /// <summary>The one cloud folder of a <see cref="CloudMode.Shared"/> world.</summary>
    public string Cloud => Simulator is null ? SharedCloud : throw new InvalidOperationException("A lagged world has one cloud copy per device: use CloudOf(device).");

    /// <summary>Whether devices run once on a half-delivered copy before each run (<see cref="CloudMode.Lagged"/>).</summary>
    public bool PreRuns { get; set; } = true;

    /// <summary>
    /// The test drives the cloud client itself (<see cref="CloudSimulator.Step"/>, <see cref="CloudSimulator.Settle"/>):
    /// a run then delivers nothing first, and a device sees only what the client has brought so far.
    /// </summary>
    public bool ManualClient { get; set; }

    private string SharedCloud { get; }

    /// <summary>The cloud folder as <paramref name="device"/> sees it.</summary>
    public string CloudOf(SimulatedDevice device) => device.CloudView?.Directory ?? SharedCloud;

    public SimulatedDevice AddDevice(string name, Action<SimulatedDeviceSetup>? setup = null)
    {
        var s = new SimulatedDeviceSetup();
        setup?.Invoke(s);
        CloudView? view = Simulator?.AddView(name, Path.Combine(Root, name, "cloud"));
        return new SimulatedDevice(this, name, s, view);
    }

    /// <summary>
    /// Runs <paramref name="run"/> on <paramref name="device"/>. Lagged: first lets the client upload what everyone
    /// wrote, then (when <paramref name="preRun"/>) runs once on the copy without the others' newest manifests,
    /// delivers the rest and runs again; what the device wrote is uploaded after the run.
    /// </summary>
    public SyncRunResult Run(SimulatedDevice device, Func<SyncRunResult> run, bool preRun)
    {
        if (Simulator is null || device.CloudView is not CloudView view || ManualClient)
        {
            return run();
        }

        foreach (CloudView other in Simulator.Views)
        {
            CloudSimulator.Observe(other);
            Simulator.Upload(other, 1);
        }

        SyncRunResult? first = null;
        if (preRun && PreRuns)
        {
            Simulator.Deliver(view, s_beforePreRun, withhold: IsManifest);
            first = run();
            CloudSimulator.Observe(view);
            Simulator.Upload(view, 1);
        }

        Simulator.CompletePartials(view, 1);
        Simulator.Deliver(view, s_beforeRun);
        SyncRunResult result = run();
        CloudSimulator.Observe(view);
        Simulator.Upload(view, 1);
        return first is null ? result : SessionResult.Combine(first, result);
    }

    /// <summary>
    /// Lets the client upload what every device wrote and deliver everything, whole, to <paramref name="device"/>'s
    /// copy, until nothing more arrives (a test that reads the cloud through an engine without a run). Shared: nothing.
    /// </summary>
    public void Deliver(SimulatedDevice device)
    {
        if (Simulator is null || device.CloudView is not CloudView view)
        {
            return;
        }

        foreach (CloudView other in Simulator.Views)
        {
            CloudSimulator.Observe(other);
            Simulator.Upload(other, 1);
        }

        Simulator.CompletePartials(view, 1);
        while (Simulator.Deliver(view, CloudLag.Prompt) > 0)
        {
        }
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

    private static bool IsManifest(string relative) => relative.Contains("/manifests/", StringComparison.Ordinal);
}

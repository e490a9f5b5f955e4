namespace Letta.Plugins.Sync.Engine.Faults;

/// <summary>
/// The one seam through which tests make the engine fail the way the world does: stop at a phase as if the process
/// were killed, or see a file as unavailable (states Linux cannot produce: dataless iCloud files, files locked by
/// another app, unreadable files when tests run as root). Production uses <see cref="None"/>.
/// </summary>
internal sealed class SyncFaults
{
    public static readonly SyncFaults None = new();

    /// <summary>Called at each phase boundary; throw <see cref="SimulatedCrashException"/> to stop the run there.</summary>
    public Action<CrashPoint, string?>? CrashAt { get; init; }

    /// <summary>Returns why a full path is unavailable, or null.</summary>
    public Func<string, string?>? UnavailableBecause { get; init; }

    public void Crash(CrashPoint point, string? path = null) => CrashAt?.Invoke(point, path);
}

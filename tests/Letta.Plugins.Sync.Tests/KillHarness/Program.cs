using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Faults;

// Usage: KillHarness <cloud> <stateDir> <folder> <machineId> <name>
// Prints "PHASE <point> <path>" at every phase boundary (pausing briefly after each applied file, so the test
// can kill the process while files are being written) and "DONE <succeeded>" at the end.
var engine = new SyncEngine(new SyncEngineOptions
{
    CloudFolder = args[0],
    StateDirectory = args[1],
    Categories = new Dictionary<string, SyncCategory> { ["memories"] = new("memories", args[2]) },
    MachineId = args[3],
    DeviceName = args[4],
    Faults = new SyncFaults
    {
        CrashAt = (point, path) =>
        {
            Console.Out.WriteLine($"PHASE {point} {path}");
            Console.Out.Flush();
            if (point is CrashPoint.DownloadTempWritten or CrashPoint.AfterApply or CrashPoint.AfterUpload)
            {
                Thread.Sleep(5);
            }
        },
    },
});
SyncRunResult result = engine.Run("memories", new SyncRunRequest());
Console.Out.WriteLine($"DONE {result.Succeeded} {result.Failure}");
return result.Succeeded ? 0 : 1;

using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>The one engine setup every benchmark measures: one device, one category over the generated tree, no deletion limit.</summary>
internal static class BenchEngine
{
    public static SyncEngine Create(string cloud, string state, string tree) => new(new SyncEngineOptions
    {
        CloudFolder = cloud,
        StateDirectory = state,
        DeviceName = "bench-a",
        Categories = new Dictionary<string, SyncCategory> { ["bench"] = new("bench", tree) },
        DeletionLimit = int.MaxValue,
    });
}

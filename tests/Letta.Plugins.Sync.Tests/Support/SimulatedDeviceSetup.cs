using Letta.Plugins.Sync.Engine;
namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>Per-device knobs for a simulated device.</summary>
internal sealed class SimulatedDeviceSetup
{
    public SyncDirection Direction { get; set; } = SyncDirection.TwoWay;

    public SyncCategoryKind Kind { get; set; } = SyncCategoryKind.Files;

    public long MaxFileSize { get; set; } = long.MaxValue;

    public bool CaseInsensitive { get; set; }

    public int DeletionLimit { get; set; } = 20;

    public int MaxConflictCopies { get; set; } = 10;

    public HashSet<string> Unavailable { get; } = [];

    public TimeProvider? Clock { get; set; }

    public string? StateDirectory { get; set; }

    public string? MachineId { get; set; }

    /// <summary>Pack settings; the defaults are the engine's (tests that exercise packs lower them).</summary>
    public int PackMinimumFiles { get; set; } = 16;

    public long PackThreshold { get; set; } = 1024 * 1024;

    public long PackTargetSize { get; set; } = 32 * 1024 * 1024;
}

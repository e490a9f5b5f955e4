using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Faults;

namespace Letta.Plugins.Sync.Engine;

/// <summary>Everything one device's engine needs; plain values so tests can build several devices in one process.</summary>
internal sealed class SyncEngineOptions
{
    public required string CloudFolder { get; init; }

    /// <summary>The plugin data directory: device.json, state.db, versions/, locks/, peers/.</summary>
    public required string StateDirectory { get; init; }

    public required IReadOnlyDictionary<string, SyncCategory> Categories { get; init; }

    public string? DeviceName { get; init; }

    /// <summary>Identifies the machine for clone detection; tests give each simulated device its own.</summary>
    public string MachineId { get; init; } = DeviceIdentity.CurrentMachineId();

    public int DeletionLimit { get; init; } = 20;

    public int DeletionLimitPercent { get; init; } = 10;

    public int MassChangePercent { get; init; } = 90;

    /// <summary>The mass-change gate applies only to categories with at least this many files.</summary>
    public int MassChangeMinimumFiles { get; init; } = 10;

    public int ConflictLimit { get; init; } = 50;

    /// <summary>Conflict copies kept per file; past it the oldest (by the time in their name) go to versions/.</summary>
    public int MaxConflictCopies { get; init; } = 10;

    public TimeSpan TombstoneRetention { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan VersionsRetention { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan LockTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>fsync downloaded files before the rename, and the cloud folder before a manifest is published.</summary>
    public bool Durable { get; init; } = true;

    public bool CaseInsensitive { get; init; } = OperatingSystem.IsMacOS() || OperatingSystem.IsWindows();

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Content smaller than this goes into packs (when a run uploads enough such files); larger stays loose.</summary>
    public long PackThreshold { get; init; } = 1024 * 1024;

    /// <summary>A pack is sealed once it reaches this size.</summary>
    public long PackTargetSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// A run packs only when it uploads at least this many small files: a run that sends a handful writes them loose,
    /// so everyday edits do not leave one tiny pack (two cloud files) per run.
    /// </summary>
    public int PackMinimumFiles { get; init; } = 16;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string AppVersion { get; init; } = "1.0.0";

    /// <summary>Test seam: simulated kills and unavailable files (<see cref="SyncFaults"/>); none in production.</summary>
    public SyncFaults Faults { get; init; } = SyncFaults.None;
}

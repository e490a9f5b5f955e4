using System.Security.Cryptography;
using System.Text;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Tests.Support.Cloud;

namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>
/// A device: its own $LETTA_HOME (state directory) and local category folder, sharing the world's cloud folder.
/// Every <see cref="Sync"/> builds a fresh engine, like a new process, and runs the real code path.
/// </summary>
internal sealed class SimulatedDevice
{
    private readonly SyncWorld _world;
    private readonly SimulatedDeviceSetup _setup;

    public SimulatedDevice(SyncWorld world, string name, SimulatedDeviceSetup setup, CloudView? cloudView = null)
    {
        _world = world;
        _setup = setup;
        CloudView = cloudView;
        Name = name;
        Home = Path.Combine(world.Root, name, "home");
        StateDirectory = setup.StateDirectory ?? Path.Combine(Home, "plugins", "sync");
        Folder = Path.Combine(world.Root, name, "memories");
        Directory.CreateDirectory(Folder);
    }

    public string Name { get; }

    /// <summary>This device's own copy of the cloud folder in a lagged world; null when the folder is shared.</summary>
    public CloudView? CloudView { get; }

    /// <summary>The cloud folder as this device sees it.</summary>
    public string Cloud => _world.CloudOf(this);

    public string Home { get; }

    public string StateDirectory { get; }

    public string Folder { get; }

    public SimulatedDeviceSetup Setup => _setup;

    public string VersionsFolder => Path.Combine(StateDirectory, "versions", "memories");

    public SyncEngineOptions Options(Action<CrashPoint, string?>? crash = null) => new()
    {
        CloudFolder = _world.CloudOf(this),
        StateDirectory = StateDirectory,
        DeviceName = Name,
        MachineId = _setup.MachineId ?? "machine-" + Name,
        Categories = new Dictionary<string, SyncCategory>
        {
            ["memories"] = new("memories", Folder, _setup.Direction, _setup.Kind, _setup.MaxFileSize),
        },
        CaseInsensitive = _setup.CaseInsensitive,
        DeletionLimit = _setup.DeletionLimit,
        MaxConflictCopies = _setup.MaxConflictCopies,
        Durable = false,
        Clock = _setup.Clock ?? TimeProvider.System,
        Faults = new SyncFaults
        {
            UnavailableBecause = _setup.Unavailable.Count == 0 ? null : full => _setup.Unavailable.Contains(Path.GetRelativePath(Folder, full).Replace('\\', '/')) ? "locked by another app (simulated)" : null,
            CrashAt = crash,
        },
        PackMinimumFiles = _setup.PackMinimumFiles,
        PackThreshold = _setup.PackThreshold,
        PackTargetSize = _setup.PackTargetSize,
    };

    public SyncEngine Engine(Action<CrashPoint, string?>? crash = null) => new(Options(crash));

    public SyncRunResult Sync(bool dryRun = false, bool force = false, Action<CrashPoint, string?>? crash = null) =>
        _world.Run(this, () => Engine(crash).Run("memories", new SyncRunRequest(dryRun, force)), preRun: !dryRun && crash is null);

    /// <summary>Runs a request on a fresh engine (or the given long-lived one), through the world's cloud client.</summary>
    public SyncRunResult Run(SyncRunRequest request, SyncEngine? engine = null)
    {
        SyncEngine e = engine ?? Engine();
        return _world.Run(this, () => e.Run("memories", request), preRun: !request.DryRun);
    }

    /// <summary>Runs with a full request (revert, override) and asserts success.</summary>
    public SyncRunResult SyncOk(SyncRunRequest request)
    {
        SyncRunResult r = Run(request);
        r.Failure.ShouldBeNull();
        r.Succeeded.ShouldBeTrue();
        return r;
    }

    /// <summary>Runs and asserts success.</summary>
    public SyncRunResult SyncOk(bool force = false)
    {
        SyncRunResult r = Sync(force: force);
        r.Failure.ShouldBeNull();
        r.Succeeded.ShouldBeTrue();
        return r;
    }

    public string Path_(string relative) => Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a file with an mtime in the past (or the given one), so the racy-mtime rule does not apply.</summary>
    public void Write(string relative, string content, DateTime? mtimeUtc = null)
    {
        string full = Path_(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetLastWriteTimeUtc(full, mtimeUtc ?? DateTime.UtcNow.AddMinutes(-10));
    }

    /// <summary>Writes what iCloud leaves when it evicts a file before macOS 14: a small binary plist named <c>.name.icloud</c>.</summary>
    public void WriteIcloudStub(string relativeStub)
    {
        string full = Path_(relativeStub);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, [.. "bplist00"u8, 0xD1, 0x01, 0x02, 0x5F, 0x10, 0x0F]);
    }

    public string Read(string relative) => File.ReadAllText(Path_(relative));

    public bool Exists(string relative) => File.Exists(Path_(relative));

    public void Delete(string relative) => File.Delete(Path_(relative));

    /// <summary>All synced files (relative path → content), without the marker.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string f in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(Folder, f).Replace('\\', '/');
            if (rel != SyncPaths.LocalMarkerName)
            {
                map[rel] = File.ReadAllText(f);
            }
        }

        return map;
    }

    /// <summary>Every directory in the synced folder (relative, "/"-separated), sorted.</summary>
    public List<string> Directories() =>
        Directory.EnumerateDirectories(Folder, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(Folder, d).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every byte under the folder, versions folder and cloud folder: a loss check.</summary>
    public IEnumerable<string> AllContentEverywhere()
    {
        foreach (string dir in new[] { Folder, Path.Combine(StateDirectory, "versions") })
        {
            if (Directory.Exists(dir))
            {
                foreach (string f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
                {
                    yield return File.ReadAllText(f);
                }
            }
        }
    }

    public string DeviceId => DeviceIdentity.TryLoad(StateDirectory, Name, _setup.MachineId ?? "machine-" + Name)!.Id;

    public static string Sha(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

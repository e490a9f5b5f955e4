using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Letta.Plugins.Sync.Engine;

/// <summary>
/// One device's sync engine: runs a category through lock → marker checks → scan → remote view → plan → gates
/// → execute → publish (sync.md §3). Plain class over paths and options, so tests run several devices in one process.
/// </summary>
internal sealed partial class SyncEngine(SyncEngineOptions options)
{
    private DeviceIdentity? _device;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public SyncEngineOptions Options { get; } = options;

    public CloudLayout Layout { get; } = new(options.CloudFolder);

    /// <summary>This device's identity (created on first use).</summary>
    public DeviceIdentity Device => _device ??= DeviceIdentity.LoadOrCreate(Options.StateDirectory, Options.DeviceName, Options.MachineId, Options.Clock.GetUtcNow());

    public SyncRunResult Run(string categoryName, SyncRunRequest request)
    {
        if (!Options.Categories.TryGetValue(categoryName, out SyncCategory? category))
        {
            throw new ArgumentException($"Unknown category '{categoryName}'.", nameof(categoryName));
        }

        var watch = Stopwatch.StartNew();
        var result = new SyncRunResult { Category = categoryName, DryRun = request.DryRun };
        string snapshotDir = Path.Combine(Path.GetTempPath(), "letta-sync-" + Guid.NewGuid().ToString("N"));
        try
        {
            RunCore(category, request, result, snapshotDir);
        }
        catch (SyncAbortedException e)
        {
            result.Failure = e.Message;
            result.Gate = e.Gate;
            result.Succeeded = false;
        }
        finally
        {
            if (Directory.Exists(snapshotDir))
            {
                Directory.Delete(snapshotDir, recursive: true);
            }

            result.Duration = watch.Elapsed;
            result.FinishedAt = Options.Clock.GetUtcNow();
        }

        return result;
    }

    private void RunCore(SyncCategory category, SyncRunRequest request, SyncRunResult result, string snapshotDir)
    {
        bool dry = request.DryRun;
        var phase = Stopwatch.StartNew();
        void Mark(string name)
        {
            result.PhaseMs[name] = Math.Round(phase.Elapsed.TotalMilliseconds, 1);
            phase.Restart();
        }

        DateTimeOffset now = Options.Clock.GetUtcNow();
        DeviceIdentity device = dry
            ? _device ?? DeviceIdentity.TryLoad(Options.StateDirectory, Options.DeviceName, Options.MachineId) ?? Ephemeral()
            : Device;
        using StateStore state = dry ? StateStore.OpenReadOnly(Options.StateDirectory) : OpenOwnState(device);

        SyncRootMarker? marker = CheckCloudMarker(state, dry);
        var registry = new DeviceRegistry(Layout, device, Options.AppVersion);
        IReadOnlyList<DeviceRecord> devices = registry.List();
        HashSet<string> revoked = DeviceRegistry.RevokedSet(devices);
        if (revoked.Contains(device.Id))
        {
            throw new SyncAbortedException(SyncGate.Revoked, "This device was revoked by another device; its data is ignored. Remove the sync state to join again as a new device.");
        }

        using CategoryLock? categoryLock = dry ? null : CategoryLock.Acquire(Options.StateDirectory, category.Name, Options.LockTtl, Options.Clock);
        string root = Path.GetFullPath(category.LocalPath);

        // The base rows load on another core while the tree is walked; the marker check needs only "any rows".
        bool hasBase = state.HasBase(category.Name);
        CheckLocalMarker(category, root, hasBase, marker);
        Task<Dictionary<string, StateRow>> rowsTask = Task.Run(() => state.LoadCategory(category.Name));
        if (!dry && category.Kind == SyncCategoryKind.Unit)
        {
            RecoverUnits(root);
        }

        var scanOptions = new ScanOptions
        {
            CaseInsensitive = Options.CaseInsensitive,
            Parallelism = Options.Parallelism,
            SnapshotDirectory = snapshotDir,
            UnavailableProbe = Options.UnavailableProbe,
        };
        Mark("open");
        LocalScan scan = LocalScanner.Scan(category, () => rowsTask.Result, scanOptions, now);
        Dictionary<string, StateRow> rows = rowsTask.Result;
        Mark("scan");
        Options.CrashHook?.Invoke(CrashPoint.AfterScan, null);
        RemoteView remote = RemoteReader.Read(Layout, Options.StateDirectory, state, category.Name, device.Id, revoked, Options.CaseInsensitive);
        result.Issues.AddRange(ForeignFiles());
        Mark("remote");

        LocalScanner.Hash(category, scan, SyncPlanner.NeedingHash(scan, rows, remote).ToList(), scanOptions);
        Mark("hash");
        var planner = new SyncPlanner(category, device, now);
        List<PlanItem> plan = planner.Plan(rows, scan, remote);
        if (SafetyGates.Deletions(plan) > Options.DeletionLimit && scan.Files.Values.Any(f => f.Sha is null && !f.Unavailable))
        {
            // Renames are found by hash: hash the additions too before judging the deletion limit.
            LocalScanner.Hash(category, scan, scan.Files.Values.ToList(), scanOptions);
            plan = planner.Plan(rows, scan, remote);
        }

        result.Plan.AddRange(plan);
        result.Issues.AddRange(scan.Issues);
        result.Issues.AddRange(remote.Issues);
        result.Hashed = scan.Hashed;
        result.HashedBytes = scan.HashedBytes;
        result.LocalFiles = scan.Files.Count;

        SyncAbortedException? tripped = SafetyGates.Check(Options, rows, scan, remote, plan);
        Mark("plan");
        if (dry)
        {
            result.Failure = tripped is null ? null : "Would abort: " + tripped.Message;
            result.Gate = tripped?.Gate;
            result.Succeeded = tripped is null || request.Force;
            return;
        }

        if (tripped is not null && !request.Force)
        {
            throw tripped;
        }

        Execute(category, request, result, snapshotDir, device, state, categoryLock, rows, scan, remote, plan);
        Mark("execute+publish");
        registry.Touch(Options.Clock.GetUtcNow());
        WriteLocalMarker(root, marker!);
        PruneVersions(category);
        Mark("finish");
        result.Succeeded = true;
    }

    private void Execute(SyncCategory category, SyncRunRequest request, SyncRunResult result, string snapshotDir, DeviceIdentity device,
        StateStore state, CategoryLock? categoryLock, Dictionary<string, StateRow> rows, LocalScan scan, RemoteView remote, List<PlanItem> plan)
    {
        string dirtyKey = "dirty:" + category.Name;
        if (plan.Any(p => p.Action is not (PlanAction.Skip or PlanAction.LocalUnpublished or PlanAction.RemoteNotApplied)))
        {
            state.SetMeta(dirtyKey, "1");
        }

        var blobs = new BlobStore(Layout, device.ShortId);
        var versions = new VersionsFolder(Options.StateDirectory, category.Name, Options.Clock);
        bool baseChanged;
        var watch = Stopwatch.StartNew();
        using (StateBatch batch = state.BeginBatch(category.Name))
        {
            var executor = new SyncExecutor(category, device, blobs, versions, batch, Options, result, snapshotDir, categoryLock, request.Progress);
            executor.Execute(plan, rows, scan);
            baseChanged = executor.BaseChanged;
        }

        RemoteReader.Remember(remote, Options.StateDirectory, state, category.Name);
        result.PhaseMs["execute"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
        if (baseChanged || state.GetMeta(dirtyKey) == "1")
        {
            Publish(category, device, state, result);
            result.Published = true;
        }
    }

    /// <summary>Publishes this device's manifest: every base row, seq + 1, temp then rename.</summary>
    private void Publish(SyncCategory category, DeviceIdentity device, StateStore state, SyncRunResult result)
    {
        Options.CrashHook?.Invoke(CrashPoint.BeforePublish, null);
        var watch = Stopwatch.StartNew();
        if (Options.Durable)
        {
            FileSystemFlush.FlushAll();
        }

        result.PhaseMs["flush"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);

        var entries = new List<ManifestEntry>();
        foreach (StateRow row in state.LoadCategory(category.Name).Values.Where(r => r.HasBase).OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            entries.Add(new ManifestEntry
            {
                Path = row.Path,
                Sha = row.Deleted ? null : row.Sha,
                Size = row.Size,
                MtimeNs = row.MtimeNs,
                Blob = row.Deleted || row.Blob == row.Sha ? null : row.Blob,
                Version = row.VersionText ?? "",
                Author = row.Author,
                Deleted = row.Deleted,
                DeletedAt = row.DeletedAt,
            });
        }

        string seqKey = "seq:" + category.Name;
        long seq = long.TryParse(state.GetMeta(seqKey), out long s) ? s + 1 : 1;
        ManifestStore.Write(Layout, device.ShortId, category.Name, device.Id, seq, entries, Options.Clock.GetUtcNow(), Options.Durable);
        state.SetMeta(seqKey, seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        state.SetMeta("dirty:" + category.Name, "0");
        result.PhaseMs["publish"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
        Options.CrashHook?.Invoke(CrashPoint.AfterPublish, null);
    }

    /// <summary>
    /// Opens state.db; a state written under another device id (a cloned or copied state directory that got a new
    /// id) is set aside, so this device rejoins like one without state: nothing is deleted, differences conflict.
    /// </summary>
    private StateStore OpenOwnState(DeviceIdentity device)
    {
        StateStore state = StateStore.Open(Options.StateDirectory);
        string? owner = state.GetMeta("deviceId");
        if (owner is null)
        {
            state.SetMeta("deviceId", device.Id);
            return state;
        }

        if (owner == device.Id)
        {
            return state;
        }

        state.Dispose();
        string path = StateStore.PathIn(Options.StateDirectory);
        string aside = $"{path}.previous-{owner[..7]}-{Options.Clock.GetUtcNow():yyyyMMddHHmmss}";
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }

        string peers = Path.Combine(Options.StateDirectory, "peers");
        if (Directory.Exists(peers))
        {
            Directory.Delete(peers, recursive: true);
        }

        state = StateStore.Open(Options.StateDirectory);
        state.SetMeta("deviceId", device.Id);
        return state;
    }

    private SyncRootMarker? CheckCloudMarker(StateStore state, bool dry)
    {
        SyncRootMarker? marker = SyncRootMarker.TryRead(Layout);
        string? known = state.GetMeta("clusterId");
        if (marker is null)
        {
            if (known is not null)
            {
                throw new SyncAbortedException(SyncGate.CloudMarker,
                    $"The cloud folder's marker ({Layout.MarkerPath}) is missing: the folder is not mounted, not synced yet or was removed. Nothing was changed.");
            }

            if (!Directory.Exists(Layout.CloudFolder))
            {
                throw new SyncAbortedException(SyncGate.CloudMarker, $"The cloud folder {Layout.CloudFolder} does not exist (not mounted?). Nothing was changed.");
            }

            if (Directory.Exists(Layout.Root) && Directory.EnumerateFileSystemEntries(Layout.Root).Any(e => Path.GetFileName(e) != "tmp"))
            {
                throw new SyncAbortedException(SyncGate.CloudMarker,
                    $"{Layout.Root} holds data but no .syncroot marker (partially synced?). Nothing was changed.");
            }

            if (dry)
            {
                return null;
            }

            marker = SyncRootMarker.Create(Layout);
        }
        else if (known is not null && known != marker.ClusterId)
        {
            throw new SyncAbortedException(SyncGate.CloudMarker,
                $"The cloud folder belongs to another sync set (cluster {marker.ClusterId[..8]}, this device joined {known[..8]}). Nothing was changed.");
        }

        if (marker.FormatVersion > SyncRootMarker.CurrentFormat)
        {
            throw new SyncAbortedException(SyncGate.CloudMarker, $"The cloud folder uses format {marker.FormatVersion}; update Letta. Nothing was changed.");
        }

        if (!dry && known is null)
        {
            state.SetMeta("clusterId", marker.ClusterId);
        }

        return marker;
    }

    private static void CheckLocalMarker(SyncCategory category, string root, bool hasBase, SyncRootMarker? marker)
    {
        if (!Directory.Exists(root))
        {
            throw new SyncAbortedException(SyncGate.LocalMarker,
                $"The local folder {root} of category '{category.Name}' does not exist (unmounted or moved?). It is never created automatically; create it to sync this category. Nothing was changed.");
        }

        string markerPath = Path.Combine(root, SyncPaths.LocalMarkerName);
        if (hasBase)
        {
            string? content = File.Exists(markerPath) ? File.ReadAllText(markerPath).Trim() : null;
            if (content is null || (marker is not null && content != marker.ClusterId))
            {
                throw new SyncAbortedException(SyncGate.LocalMarker,
                    $"The marker {SyncPaths.LocalMarkerName} in {root} is {(content is null ? "missing" : "from another sync set")}: the folder was replaced, unmounted or restored. Nothing was changed.");
            }
        }
    }

    private static void WriteLocalMarker(string root, SyncRootMarker marker)
    {
        string path = Path.Combine(root, SyncPaths.LocalMarkerName);
        if (!File.Exists(path) || File.ReadAllText(path).Trim() != marker.ClusterId)
        {
            File.WriteAllText(path, marker.ClusterId + "\n");
        }
    }

    private void PruneVersions(SyncCategory category)
    {
        DateTimeOffset now = Options.Clock.GetUtcNow();
        if (now - _lastPrune > TimeSpan.FromHours(6))
        {
            new VersionsFolder(Options.StateDirectory, category.Name, Options.Clock).Prune(Options.VersionsRetention);
            _lastPrune = now;
        }
    }

    /// <summary>Undoes a unit replacement interrupted between its two renames.</summary>
    private static void RecoverUnits(string root)
    {
        foreach (string dir in Directory.EnumerateDirectories(root, "*" + SyncPaths.LocalTempSuffix))
        {
            Match m = OldUnit().Match(Path.GetFileName(dir));
            string original = m.Success ? Path.Combine(root, m.Groups[1].Value) : "";
            if (m.Success && !Directory.Exists(original))
            {
                Directory.Move(dir, original);
            }
        }
    }

    private IEnumerable<ScanIssue> ForeignFiles()
    {
        if (!Directory.Exists(Layout.DevicesDir))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(Layout.DevicesDir))
        {
            string name = Path.GetFileName(file);
            if (!DeviceFile().IsMatch(name) && !name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                yield return new ScanIssue("devices/" + name, "foreign", "Not written by Letta (an iCloud duplicate such as 'name 2.ext'?); ignored.");
            }
        }
    }

    /// <summary>A dry-run before the first real run: an identity that is never saved.</summary>
    private DeviceIdentity Ephemeral()
    {
        string dir = Path.Combine(Path.GetTempPath(), "letta-sync-dry-" + Guid.NewGuid().ToString("N"));
        try
        {
            return DeviceIdentity.LoadOrCreate(dir, Options.DeviceName, Options.MachineId, Options.Clock.GetUtcNow());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^\.(.+)\.old-[0-9a-f]{32}\.synctmp$", RegexOptions.CultureInvariant)]
    private static partial Regex OldUnit();

    [GeneratedRegex("^[A-Z2-7]{52}\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceFile();
}

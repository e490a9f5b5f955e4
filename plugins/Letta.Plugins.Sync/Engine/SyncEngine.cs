using System.Diagnostics;
using System.Text.RegularExpressions;
using Letta.Plugins.Sync.Engine.Applying;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine;

/// <summary>
/// One device's sync engine: runs a category through lock → marker checks → scan → remote view → plan → gates
/// → execute → publish (sync.md §3). Plain class over paths and options, so tests run several devices in one process.
/// </summary>
internal sealed partial class SyncEngine(SyncEngineOptions options)
{
    private readonly Dictionary<string, (string Generation, Dictionary<string, StateRow> Rows)> _rowCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemoteView> _remoteCache = new(StringComparer.Ordinal);
    private DeviceIdentity? _device;

    // Pack indexes are immutable: a long-lived engine reads each once and keeps it across runs.
    private readonly PackIndex _packs = new(new CloudLayout(options.CloudFolder));

    // What was verified in the cloud folder, kept across runs the same way (blobs are immutable).
    private BlobVerifier? _verifier;
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

        if (request.DirectionError(categoryName, category.Direction) is (_, string directionError))
        {
            throw new ArgumentException(directionError, nameof(request));
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
            if (!result.Succeeded && !request.DryRun)
            {
                _rowCache.Remove(categoryName); // whatever happened, reload from state.db next time
            }

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

        SyncRootMarker? marker = CheckCloudMarker(state, device, dry, result);
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
        CheckLocalMarker(category, root, hasBase, marker, state);
        // A long-lived engine keeps the rows of its last run in memory; state.db's generation stamp says whether
        // they are still exact (anything else that writes the category changes the stamp or removes the cache).
        string? generation = state.GetMeta("gen:" + category.Name);
        Task<Dictionary<string, StateRow>> rowsTask = generation is not null && _rowCache.TryGetValue(category.Name, out var cached) && cached.Generation == generation
            ? Task.FromResult(cached.Rows)
            : Task.Run(() => state.LoadCategory(category.Name));
        if (!dry && category.Kind == SyncCategoryKind.Unit)
        {
            RecoverUnits(root);
        }

        if (!dry)
        {
            RemoveStaleTemps(device);
        }

        var scanOptions = new ScanOptions
        {
            CaseInsensitive = Options.CaseInsensitive,
            Parallelism = Options.Parallelism,
            SnapshotDirectory = snapshotDir,
            UnavailableProbe = Options.Faults.UnavailableBecause,
        };
        Mark("open");
        LocalScan scan = LocalScanner.Scan(category, () => rowsTask.Result, scanOptions, now);
        Dictionary<string, StateRow> rows = rowsTask.Result;
        CheckLinkedFolders(scan, rows);
        Mark("scan");
        Options.Faults.Crash(CrashPoint.AfterScan);
        RemoteView remote = RemoteReader.Read(Layout, Options.StateDirectory, state, category.Name, device.Id, revoked, Options.CaseInsensitive,
            _remoteCache.GetValueOrDefault(category.Name));
        _remoteCache[category.Name] = remote;
        result.Issues.AddRange(ForeignFiles());
        Mark("remote");

        LocalScanner.Hash(category, scan, SyncPlanner.NeedingHash(scan, rows, remote).ToList(), scanOptions);
        Mark("hash");
        var planner = new SyncPlanner(category, device, now) { Revert = request.Revert, Override = request.Override };
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
        ReportForeignOnce(category, state, result, dry);
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

        if (request.Force)
        {
            // The deletions this device forces carry the authorisation, so the other devices apply them unforced.
            foreach (PlanItem item in plan.Where(p => p.Action == PlanAction.PushDelete))
            {
                item.Target = item.Target! with { Forced = true };
            }
        }

        // Before the first row is committed: a first sync killed half way must not leave rows without the marker.
        WriteLocalMarker(root, marker!);
        Execute(category, request, result, snapshotDir, device, state, categoryLock, rows, scan, remote, plan);
        Mark("execute+publish");
        registry.Touch(Options.Clock.GetUtcNow());
        PruneVersions(category);
        Mark("finish");
        result.Succeeded = true;
    }

    private void Execute(SyncCategory category, SyncRunRequest request, SyncRunResult result, string snapshotDir, DeviceIdentity device,
        StateStore state, CategoryLock? categoryLock, Dictionary<string, StateRow> rows, LocalScan scan, RemoteView remote, List<PlanItem> plan)
    {
        string dirtyKey = "dirty:" + category.Name;
        if (plan.Any(p => p.Action is not (PlanAction.Skip or PlanAction.LocalUnpublished or PlanAction.RemoteNotApplied or PlanAction.RevertLocal)))
        {
            state.SetMeta(dirtyKey, "1");
        }

        using var blobs = new BlobStore(Layout, device.ShortId, _packs, _verifier ??= new BlobVerifier(Layout, _packs));
        var versions = new VersionsFolder(Options.StateDirectory, category.Name, Options.Clock, result.MovedToVersions);
        bool baseChanged;
        var watch = Stopwatch.StartNew();
        _rowCache.Remove(category.Name);
        using (StateBatch batch = state.BeginBatch(category.Name))
        {
            var recorder = new RowRecorder(batch, Options);
            var context = new ApplyContext(category, device, blobs, versions, recorder, Options, result, snapshotDir, categoryLock, request.Progress);
            new SyncExecutor(context).Execute(plan, rows, scan, remote.WantedByOthers);
            baseChanged = recorder.BaseChanged;
            RememberRows(category.Name, state, rows, batch.Changes);
            AskForMissingContent(category, device, context.Wanted, result);
        }

        RemoteReader.Remember(remote, Options.StateDirectory, state, category.Name);
        result.PhaseMs["execute"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
        if (baseChanged || state.GetMeta(dirtyKey) == "1")
        {
            Publish(category, device, state, rows, result);
            result.Published = true;
        }
    }

    /// <summary>Publishes this device's manifest: every base row, seq + 1, temp then rename.</summary>
    private void Publish(SyncCategory category, DeviceIdentity device, StateStore state, Dictionary<string, StateRow> rows, SyncRunResult result)
    {
        Options.Faults.Crash(CrashPoint.BeforePublish);
        var watch = Stopwatch.StartNew();
        if (Options.Durable)
        {
            FileSystemFlush.FlushAll();
        }

        result.PhaseMs["flush"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);

        var entries = new List<ManifestEntry>();
        // rows already holds exactly what state.db holds after this run (see RememberRows).
        foreach (StateRow row in rows.Values.Where(r => r.HasBase).OrderBy(r => r.Path, StringComparer.Ordinal))
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
                Type = row.IsDirectory ? ManifestEntry.DirectoryType : null,
                Forced = row.Deleted && row.Forced,
            });
        }

        // The sequence never goes back, even when state.db was lost or restored from an older backup (peers ignore a
        // manifest whose sequence went back): past this device's last manifest in the cloud, and a clock in ms.
        string seqKey = "seq:" + category.Name;
        long seq = Math.Max(long.TryParse(state.GetMeta(seqKey), out long s) ? s + 1 : 1, Options.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (ManifestStore.TryReadHeader(Layout.ManifestPath(category.Name, device.Id)) is { } published && published.Seq >= seq)
        {
            result.Issues.Add(new ScanIssue("state.db", "state-behind-cloud",
                $"This device's last manifest in the cloud has sequence {published.Seq}, newer than its state.db (restored from a backup, or the clock went back?); continuing after it."));
            seq = published.Seq + 1;
        }

        ManifestStore.Write(Layout, device.ShortId, category.Name, device.Id, seq, entries, Options.Clock.GetUtcNow(), Options.Durable);
        state.SetMeta(seqKey, seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        state.SetMeta("dirty:" + category.Name, "0");
        result.PhaseMs["publish"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
        Options.Faults.Crash(CrashPoint.AfterPublish);
    }

    [GeneratedRegex(@"^\.(.+)\.old-[0-9a-f]{32}\.synctmp$", RegexOptions.CultureInvariant)]
    private static partial Regex OldUnit();

    [GeneratedRegex("^[A-Z2-7]{52}\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceFile();
}

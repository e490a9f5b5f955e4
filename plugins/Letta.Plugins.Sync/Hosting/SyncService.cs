using Letta.Messaging;
using Letta.Plugins.Sync.Diagnostics;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Options;
using Letta.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>
/// Runs categories for the schedule, the watcher, REST and CLI: one run at a time in this process (the engine's lock
/// file also guards against other processes), records the status and publishes the hub events.
/// </summary>
internal sealed partial class SyncService(IOptionsMonitor<SyncOptions> options, IPluginContext context, IMessageHub hub, TimeProvider clock, ILogger<SyncService> logger, SyncMetrics? metrics = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (SyncEngineOptions Options, SyncEngine Engine)? _shared;

    public SyncStatusStore Status { get; } = new(context.DataDirectory);

    public SyncEngineOptions EngineOptions => SyncEngineOptionsFactory.Create(options.CurrentValue, context, clock);

    public SyncEngine CreateEngine() => new(EngineOptions);

    public IReadOnlyList<string> Categories => EngineOptions.Categories.Keys.Order(StringComparer.Ordinal).ToList();

    public bool IsRunning => _gate.CurrentCount == 0;

    /// <summary>Runs one category or all; throws <see cref="ArgumentException"/> for an unknown category.</summary>
    public Task<IReadOnlyList<SyncRunResult>> RunAsync(string? category, bool dryRun, bool force, Action<string>? progress, CancellationToken cancellationToken) =>
        RunAsync(category, new SyncRunRequest(dryRun, force) { Progress = progress }, cancellationToken);

    /// <summary>Runs one category or all with a full request (revert and override need one category of the right direction).</summary>
    public async Task<IReadOnlyList<SyncRunResult>> RunAsync(string? category, SyncRunRequest request, CancellationToken cancellationToken)
    {
        bool dryRun = request.DryRun;
        Action<string>? progress = request.Progress;
        SyncEngine engine = SharedEngine();
        IReadOnlyList<string> categories = category is null ? Categories : [category];
        if (category is not null && !engine.Options.Categories.ContainsKey(category))
        {
            throw new ArgumentException($"Unknown category '{category}'. Known: {string.Join(", ", Categories)}.", nameof(category));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var results = new List<SyncRunResult>();
            foreach (string name in categories)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke($"{name}: {(dryRun ? "planning" : "syncing")}…");
                SyncRunResult result = await Task.Run(() => RunOne(engine, name, request), cancellationToken);
                results.Add(result);
                progress?.Invoke(Describe(result));
                if (!dryRun)
                {
                    await RecordAsync(engine, result, cancellationToken);
                }
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One engine for all runs while the settings stay the same: it keeps each category's state rows in memory
    /// between runs (validated against state.db), so a no-change run does not reload them.
    /// </summary>
    private SyncEngine SharedEngine()
    {
        SyncEngineOptions current = EngineOptions;
        if (_shared is { } s && SameSettings(s.Options, current))
        {
            return s.Engine;
        }

        var engine = new SyncEngine(current);
        _shared = (current, engine);
        return engine;
    }

    private static bool SameSettings(SyncEngineOptions a, SyncEngineOptions b) =>
        a.CloudFolder == b.CloudFolder && a.DeviceName == b.DeviceName && a.DeletionLimit == b.DeletionLimit
        && a.DeletionLimitPercent == b.DeletionLimitPercent && a.ConflictLimit == b.ConflictLimit && a.MaxConflictCopies == b.MaxConflictCopies
        && a.TombstoneRetention == b.TombstoneRetention && a.VersionsRetention == b.VersionsRetention
        && a.Categories.Count == b.Categories.Count
        && a.Categories.All(kv => b.Categories.TryGetValue(kv.Key, out SyncCategory? o) && o.LocalPath == kv.Value.LocalPath
            && o.Direction == kv.Value.Direction && o.Kind == kv.Value.Kind && o.MaxFileSize == kv.Value.MaxFileSize
            && o.Include.SequenceEqual(kv.Value.Include) && o.Exclude.SequenceEqual(kv.Value.Exclude));

    public static string Describe(SyncRunResult r) => r.Succeeded
        ? $"{r.Category}: {(r.DryRun ? "plan" : "done")} — sent {r.FilesSent}, received {r.FilesReceived}, deleted {r.FilesDeleted}, conflicts {r.Conflicts.Count}, errors {r.Errors.Count}, hashed {r.Hashed}, kept in versions {r.MovedToVersions.Count}{Divergence(r)} ({r.Duration.TotalMilliseconds:F0} ms)"
        : $"{r.Category}: FAILED — {r.Failure}";

    private static string Divergence(SyncRunResult r) =>
        (r.LocalNotPublished > 0 ? $", local not published {r.LocalNotPublished} (revert to undo)" : "")
        + (r.RemoteNotApplied > 0 ? $", remote not applied {r.RemoteNotApplied} (override to overwrite)" : "");

    private SyncRunResult RunOne(SyncEngine engine, string name, SyncRunRequest request)
    {
        try
        {
            return engine.Run(name, request);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
        {
            LogRunFailed(e, name);
            return new SyncRunResult { Category = name, DryRun = request.DryRun, Succeeded = false, Failure = e.Message, FinishedAt = clock.GetUtcNow() };
        }
    }

    private async Task RecordAsync(SyncEngine engine, SyncRunResult r, CancellationToken cancellationToken)
    {
        metrics?.Record(r);
        CategoryStatus? previous = Status.Get(r.Category);
        Status.Set(new CategoryStatus
        {
            Category = r.Category,
            LastRunAt = r.FinishedAt,
            LastRunSucceeded = r.Succeeded,
            LastFailure = r.Failure,
            LastDurationMs = Math.Round(r.Duration.TotalMilliseconds, 1),
            FilesSent = r.FilesSent,
            FilesReceived = r.FilesReceived,
            FilesDeleted = r.FilesDeleted,
            Conflicts = r.Conflicts.Count,
            Errors = r.Errors.Count,
            Issues = r.Issues.Count,
            LocalFiles = r.LocalFiles,
            ForeignFiles = r.ForeignFiles,
            LocalNotPublished = r.LocalNotPublished,
            RemoteNotApplied = r.RemoteNotApplied,
            RecentErrors = r.Errors.Take(10).Select(e => $"{e.Path}: {e.Message}").ToList(),
            MovedToVersions = r.MovedToVersions.Count,
            RecentlyMovedToVersions = r.MovedToVersions.Take(10).Select(v => $"{v.Path} ({v.Reason}) → {v.KeptAt}").ToList(),
        });

        string deviceId = r.Succeeded || r.Gate is not null ? SafeDeviceId(engine) : "";
        if (!r.Succeeded)
        {
            // The same failure every hour (e.g. a default category whose folder does not exist) is logged once, not
            // re-published on every scheduled run.
            if (previous is { LastRunSucceeded: false } && previous.LastFailure == r.Failure)
            {
                LogStillStopped(r.Category, r.Failure);
                return;
            }

            LogStopped(r.Category, r.Failure);
            await hub.PublishAsync(new SyncFailed(r.Category, r.Failure ?? "unknown error", r.FinishedAt), cancellationToken);
            return;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("{Summary}", Describe(r));
        }

        foreach ((string path, string conflictPath, string? other) in r.Conflicts)
        {
            await hub.PublishAsync(new SyncConflictDetected(r.Category, path, conflictPath, other ?? "", r.FinishedAt), cancellationToken);
        }

        await hub.PublishAsync(new SyncCompleted(r.Category, deviceId, r.FilesSent, r.FilesReceived, r.FilesDeleted, r.Conflicts.Count, r.Duration, r.FinishedAt), cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {Category} failed")]
    private partial void LogRunFailed(Exception exception, string category);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync of {Category} still stopped: {Reason}")]
    private partial void LogStillStopped(string category, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Category} stopped: {Reason}")]
    private partial void LogStopped(string category, string? reason);

    private static string SafeDeviceId(SyncEngine engine)
    {
        try
        {
            return engine.Device.Id;
        }
        catch (IOException)
        {
            return "";
        }
    }
}

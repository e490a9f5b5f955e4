using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Diagnostics;

/// <summary>
/// The sync plugin's meter, <c>Letta.Plugins.Sync</c> (exported on the host's <c>/metrics</c>): runs by outcome,
/// files and bytes sent and received, deletions, conflicts, run duration, and when each category last ran. Made
/// through the container's <see cref="IMeterFactory"/>, so the meter goes with the plugin.
/// </summary>
internal sealed class SyncMetrics
{
    /// <summary>The meter's name; a scrape prefixes its instruments with it (<c>letta_plugins_sync_runs_total</c>).</summary>
    public const string MeterName = "Letta.Plugins.Sync";

    // Per category: the last run's end, as Unix seconds. Framework types only — see the constructor.
    private readonly ConcurrentDictionary<string, Measurement<double>> _lastRun = new(StringComparer.Ordinal);
    private readonly Counter<long> _runs;
    private readonly Counter<long> _files;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _duration;

    public SyncMetrics(IMeterFactory meterFactory)
    {
        Meter meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("runs", description: "Sync runs by category and outcome (succeeded, failed, stopped by a gate).");
        _files = meter.CreateCounter<long>("files", description: "Files sent, received and deleted, by category.");
        _bytes = meter.CreateCounter<long>("bytes", unit: "By", description: "Content bytes sent and received, by category.");
        _conflicts = meter.CreateCounter<long>("conflicts", description: "Conflicts resolved with a conflict copy, by category.");
        _duration = meter.CreateHistogram<double>("run.duration", unit: "s", description: "How long a run took, by category.");

        // The gauge's callback is the dictionary's own Values getter, not a lambda of this plugin: an exporter may keep
        // every instrument it has seen, and a callback into plugin code would keep an unloaded plugin's load context alive.
        var values = (Func<IEnumerable<Measurement<double>>>)Delegate.CreateDelegate(
            typeof(Func<IEnumerable<Measurement<double>>>), _lastRun, typeof(ConcurrentDictionary<string, Measurement<double>>).GetProperty(nameof(_lastRun.Values))!.GetMethod!);
        meter.CreateObservableGauge("last_run", values, unit: "s", description: "When each category's last run ended (Unix time).");
    }

    /// <summary>Counts one finished run (dry runs are not counted: they change nothing).</summary>
    public void Record(SyncRunResult r)
    {
        if (r.DryRun)
        {
            return;
        }

        var category = new KeyValuePair<string, object?>("category", r.Category);
        string outcome = r.Succeeded ? "succeeded" : r.Gate is not null ? "stopped" : "failed";
        _runs.Add(1, category, new KeyValuePair<string, object?>("outcome", outcome));
        _files.Add(r.FilesSent, category, new KeyValuePair<string, object?>("direction", "sent"));
        _files.Add(r.FilesReceived, category, new KeyValuePair<string, object?>("direction", "received"));
        _files.Add(r.FilesDeleted, category, new KeyValuePair<string, object?>("direction", "deleted"));
        _bytes.Add(r.BytesSent, category, new KeyValuePair<string, object?>("direction", "sent"));
        _bytes.Add(r.BytesReceived, category, new KeyValuePair<string, object?>("direction", "received"));
        _conflicts.Add(r.Conflicts.Count, category);
        _duration.Record(r.Duration.TotalSeconds, category);
        _lastRun[r.Category] = new Measurement<double>(r.FinishedAt.ToUnixTimeMilliseconds() / 1000.0, category);
    }
}

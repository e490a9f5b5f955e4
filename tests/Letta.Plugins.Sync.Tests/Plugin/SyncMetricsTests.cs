using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Letta.Plugins.Sync.Tests.Support;
using Letta.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Sync.Tests.Plugin;

/// <summary>The plugin's meter, read the way an exporter reads it, from the plugin's own container.</summary>
public sealed class SyncMetricsTests : IDisposable
{
    private readonly SyncWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Run_OneFileSent_CountsRunFilesBytesAndLastRun()
    {
        string folder = Path.Combine(_world.Root, "dev", "memories");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.md"), "alpha");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "a.md"), DateTime.UtcNow.AddMinutes(-5));
        string pluginsJson = SyncPluginsJson.OnRequest(_world.Cloud, "memories", folder);
        string settings = System.Text.Json.JsonDocument.Parse(pluginsJson).RootElement.GetProperty("plugins").GetProperty("sync").GetProperty("settings").GetRawText();
        await using PluginTestHost host = await PluginTestHost.StartAsync(Path.Combine(_world.Root, "dev", "home"), settings);
        IMeterFactory factory = host.Services.GetRequiredService<IMeterFactory>();

        var seen = new List<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "Letta.Plugins.Sync")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                map[tag.Key] = tag.Value?.ToString();
            }

            lock (seen)
            {
                seen.Add((instrument.Name, value, map));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();

        (await host.Client.PostAsJsonAsync("/api/sync/run", new { })).EnsureSuccessStatusCode();
        listener.RecordObservableInstruments();

        double Sum(string name, string tag, string value) =>
            seen.Where(m => m.Instrument == name && m.Tags.GetValueOrDefault(tag) == value && m.Tags.GetValueOrDefault("category") == "memories").Sum(m => m.Value);
        Sum("runs", "outcome", "succeeded").ShouldBe(1);
        Sum("runs", "outcome", "failed").ShouldBe(0);
        Sum("files", "direction", "sent").ShouldBe(1);
        Sum("files", "direction", "received").ShouldBe(0);
        Sum("bytes", "direction", "sent").ShouldBe(5);
        double lastRun = seen.Last(m => m.Instrument == "last_run").Value;
        lastRun.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        seen.Count(m => m.Instrument == "run.duration").ShouldBe(1);
    }
}

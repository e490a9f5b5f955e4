using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Plugin;

/// <summary>Another device's publish reaches this device within seconds, not at the hourly schedule.</summary>
#pragma warning disable CA1001 // the world is deleted in IAsyncLifetime.DisposeAsync, after the host that uses it has stopped
public sealed class CloudWatcherTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SyncWorld _world = new();
    private PluginTestHost _host = null!;
    private SimulatedDevice _a = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _a = _world.AddDevice("a");
        _a.Write("keep.md", "keep");
        _a.SyncOk();
        _folder = Path.Combine(_world.Root, "b", "memories");
        Directory.CreateDirectory(_folder);
        string settings = JsonSerializer.Serialize(new
        {
            cloudFolder = _world.Cloud,
            scheduleEnabled = false,
            watchFiles = false,
            watchCloud = true,
            cloudPollInterval = "00:00:01",
            cloudDebounce = "00:00:00.200",
            categories = new Dictionary<string, object>
            {
                ["memories"] = new { path = _folder },
                ["code"] = new { enabled = false },
                ["settings"] = new { enabled = false },
                ["databases"] = new { enabled = false },
                ["extensions"] = new { enabled = false },
            },
        });
        _host = await PluginTestHost.StartAsync(Path.Combine(_world.Root, "b", "home"), settings);
        (await _host.Client.PostAsync("/api/sync/run", new StringContent("{}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _world.Dispose();
    }

    [Fact]
    public async Task CloudWatcher_AnotherDevicePublishes_PulledWithinSecondsWithoutAScheduledRun()
    {
        File.Exists(Path.Combine(_folder, "keep.md")).ShouldBeTrue();
        _a.Write("new.md", "published by a");
        _a.SyncOk();

        string arrived = Path.Combine(_folder, "new.md");
        var watch = Stopwatch.StartNew();
        while (!File.Exists(arrived) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        File.Exists(arrived).ShouldBeTrue($"not pulled within {watch.Elapsed.TotalSeconds:F1} s");
        (await File.ReadAllTextAsync(arrived)).ShouldBe("published by a");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Sync.Tests.Support;
using Letta.Sync;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.Plugins.Sync.Tests.Plugin;

/// <summary>The plugin's REST surface, hub events and health, hosted like the Letta host hosts it.</summary>
#pragma warning disable CA1001 // the world is deleted in IAsyncLifetime.DisposeAsync, after the host that uses it has stopped
public sealed class SyncPluginTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SyncWorld _world = new();
    private PluginTestHost _host = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _folder = Path.Combine(_world.Root, "dev", "memories");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "a.md"), "alpha");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "a.md"), DateTime.UtcNow.AddMinutes(-5));
        string settings = JsonSerializer.Serialize(new
        {
            cloudFolder = _world.Cloud,
            deviceName = "test-device",
            scheduleEnabled = false,
            watchFiles = false,
            categories = new Dictionary<string, object>
            {
                ["memories"] = new { path = _folder },
                ["code"] = new { enabled = false },
                ["settings"] = new { enabled = false },
                ["databases"] = new { enabled = false },
                ["extensions"] = new { enabled = false },
            },
        });
        _host = await PluginTestHost.StartAsync(Path.Combine(_world.Root, "dev", "home"), settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _world.Dispose();
    }

    [Fact]
    public async Task Run_AllCategories_SyncsAndPublishesSyncCompleted()
    {
        HttpResponseMessage response = await _host.Client.PostAsJsonAsync("/api/sync/run", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement results = await response.Content.ReadFromJsonAsync<JsonElement>();
        results.GetArrayLength().ShouldBe(1);
        results[0].GetProperty("category").GetString().ShouldBe("memories");
        results[0].GetProperty("filesSent").GetInt32().ShouldBe(1);
        SyncCompleted completed = _host.Hub.Published.OfType<SyncCompleted>().Single();
        completed.Category.ShouldBe("memories");
        completed.FilesSent.ShouldBe(1);
        completed.DeviceId.Length.ShouldBe(52);
    }

    [Fact]
    public async Task Status_AfterRun_ShowsLastRunCounts()
    {
        await _host.Client.PostAsJsonAsync("/api/sync/run", new { category = "memories" });

        JsonElement status = await _host.Client.GetFromJsonAsync<JsonElement>("/api/sync/status");

        JsonElement memories = status.GetProperty("categories")[0];
        memories.GetProperty("name").GetString().ShouldBe("memories");
        memories.GetProperty("lastRun").GetProperty("lastRunSucceeded").GetBoolean().ShouldBeTrue();
        memories.GetProperty("lastRun").GetProperty("filesSent").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Plan_PrintsExactPlanAsTextAndChangesNothing()
    {
        string text = await _host.Client.GetStringAsync("/api/sync/plan?category=memories");

        text.ShouldContain("Push");
        text.ShouldContain("a.md");
        Directory.Exists(Path.Combine(_world.Cloud, "LettaSync")).ShouldBeFalse();
        _host.Hub.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunProgress_DryRunFlagFromCli_StreamsProgressAndPlan()
    {
        HttpResponseMessage response = await _host.Client.PostAsJsonAsync("/api/sync/run/progress", new Dictionary<string, object> { ["dry-run"] = true });

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        string text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("memories: planning");
        text.ShouldContain("Push");
        Directory.Exists(Path.Combine(_world.Cloud, "LettaSync")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/api/sync/run", """{"category":"nope"}""", "category")]
    [InlineData("/api/sync/run", """{"dryRun":"yes"}""", "dryRun")]
    [InlineData("/api/sync/run", """not json""", "body")]
    [InlineData("/api/sync/run", """{"category":"memories","revert":true}""", "revert")]
    [InlineData("/api/sync/run", """{"revert":true}""", "revert")]
    [InlineData("/api/sync/run/progress", """{"category":"memories","override":true}""", "override")]
    [InlineData("/api/sync/run", """{"override":"yes"}""", "override")]
    public async Task Run_BadInput_Returns400NamingTheField(string url, string body, string field)
    {
        HttpResponseMessage response = await _host.Client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Plan_UnknownCategory_Returns400()
    {
        HttpResponseMessage response = await _host.Client.GetAsync("/api/sync/plan?category=nope");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Devices_AfterRun_ListsThisDeviceAndRevokeUnknownIs404()
    {
        await _host.Client.PostAsJsonAsync("/api/sync/run", new { });

        JsonElement devices = await _host.Client.GetFromJsonAsync<JsonElement>("/api/sync/devices");
        devices.GetArrayLength().ShouldBe(1);
        devices[0].GetProperty("name").GetString().ShouldBe("test-device");
        devices[0].GetProperty("thisDevice").GetBoolean().ShouldBeTrue();

        (await _host.Client.PostAsync("/api/sync/devices/NOPE/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        string self = devices[0].GetProperty("id").GetString()!;
        (await _host.Client.PostAsync($"/api/sync/devices/{self}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Conflicts_ListsConflictCopiesInLocalFolders()
    {
        File.WriteAllText(Path.Combine(_folder, "a.sync-conflict-20260101-120000-ABCDEFG.md"), "loser");

        JsonElement conflicts = await _host.Client.GetFromJsonAsync<JsonElement>("/api/sync/conflicts");

        conflicts.GetArrayLength().ShouldBe(1);
        conflicts[0].GetProperty("path").GetString().ShouldBe("a.md");
        conflicts[0].GetProperty("device").GetString().ShouldBe("ABCDEFG");
    }

    [Fact]
    public async Task Run_ConflictOnTwoDevices_PublishesSyncConflictDetected()
    {
        await _host.Client.PostAsJsonAsync("/api/sync/run", new { });
        SimulatedDevice other = _world.AddDevice("other");
        other.SyncOk();
        other.Write("a.md", "other edit", DateTime.UtcNow.AddMinutes(-1));
        other.SyncOk();
        File.WriteAllText(Path.Combine(_folder, "a.md"), "my edit");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "a.md"), DateTime.UtcNow.AddMinutes(-2));

        await _host.Client.PostAsJsonAsync("/api/sync/run", new { });

        SyncConflictDetected conflict = _host.Hub.Published.OfType<SyncConflictDetected>().Single();
        conflict.Category.ShouldBe("memories");
        conflict.Path.ShouldBe("a.md");
        conflict.ConflictPath.ShouldContain(".sync-conflict-");
    }

    [Fact]
    public async Task Run_GateTrips_PublishesSyncFailedAndHealthDegrades()
    {
        await _host.Client.PostAsJsonAsync("/api/sync/run", new { });
        (await _host.HealthAsync()).Status.ShouldBe(HealthStatus.Healthy);
        File.Delete(Path.Combine(_world.Cloud, "LettaSync", ".syncroot"));

        await _host.Client.PostAsJsonAsync("/api/sync/run", new { });

        _host.Hub.Published.OfType<SyncFailed>().Single().Reason.ShouldContain("marker");
        (await _host.HealthAsync()).Status.ShouldBe(HealthStatus.Unhealthy);

        // The same failure again (the next scheduled run) is not re-published.
        await _host.Client.PostAsJsonAsync("/api/sync/run", new { });
        _host.Hub.Published.OfType<SyncFailed>().Count().ShouldBe(1);
    }
}

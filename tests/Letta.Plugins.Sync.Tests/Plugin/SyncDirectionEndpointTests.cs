using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Plugin;

/// <summary>A receive-only category over REST: divergence in the run summary and status, then <c>revert</c> (§12 #39).</summary>
#pragma warning disable CA1001 // the world is deleted in IAsyncLifetime.DisposeAsync, after the host that uses it has stopped
public sealed class SyncDirectionEndpointTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SyncWorld _world = new();
    private PluginTestHost _host = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        SimulatedDevice source = _world.AddDevice("source");
        source.Write("a.md", "cluster");
        source.SyncOk();

        _folder = Path.Combine(_world.Root, "mirror", "memories");
        Directory.CreateDirectory(_folder);
        string settings = JsonSerializer.Serialize(new
        {
            cloudFolder = _world.Cloud,
            deviceName = "mirror",
            scheduleEnabled = false,
            watchFiles = false,
            categories = new Dictionary<string, object>
            {
                ["memories"] = new { path = _folder, direction = "ReceiveOnly" },
                ["code"] = new { enabled = false },
                ["settings"] = new { enabled = false },
                ["databases"] = new { enabled = false },
                ["extensions"] = new { enabled = false },
            },
        });
        _host = await PluginTestHost.StartAsync(Path.Combine(_world.Root, "mirror", "home"), settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _world.Dispose();
    }

    [Fact]
    public async Task Run_ReceiveOnlyLocalEdit_DivergenceInSummaryAndStatusUntilRevert()
    {
        (await _host.Client.PostAsJsonAsync("/api/sync/run", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        string file = Path.Combine(_folder, "a.md");
        File.WriteAllText(file, "local edit");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));

        JsonElement run = (await (await _host.Client.PostAsJsonAsync("/api/sync/run", new { })).Content.ReadFromJsonAsync<JsonElement>())[0];
        JsonElement status = await _host.Client.GetFromJsonAsync<JsonElement>("/api/sync/status");

        run.GetProperty("localNotPublished").GetInt32().ShouldBe(1);
        status.GetProperty("categories")[0].GetProperty("lastRun").GetProperty("localNotPublished").GetInt32().ShouldBe(1);
        File.ReadAllText(file).ShouldBe("local edit");

        HttpResponseMessage revert = await _host.Client.PostAsJsonAsync("/api/sync/run", new { category = "memories", revert = true });

        revert.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await revert.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("localNotPublished").GetInt32().ShouldBe(0);
        File.ReadAllText(file).ShouldBe("cluster");
    }

    [Fact]
    public async Task Run_OverrideOnReceiveOnlyCategory_Returns400NamingOverride()
    {
        HttpResponseMessage response = await _host.Client.PostAsJsonAsync("/api/sync/run", new { category = "memories", @override = true });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("override")[0].GetString()!.ShouldContain("send-only");
    }
}

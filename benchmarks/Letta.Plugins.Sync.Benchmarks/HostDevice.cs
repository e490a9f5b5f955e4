using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Testing;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>One device for the end-to-end benchmark: a real <c>letta</c> process whose sync category is a given folder.</summary>
internal sealed class HostDevice : IAsyncDisposable
{
    private readonly LettaHostProcess _host;
    private readonly HttpClient _client;

    private HostDevice(LettaHostProcess host)
    {
        _host = host;
        _client = host.CreateClient();
        _client.Timeout = TimeSpan.FromMinutes(30);
    }

    public static async Task<HostDevice> StartAsync(string home, string tree, string cloud)
    {
        string settings = SyncPluginsJson.OnRequest(cloud, "bench", tree, deletionLimit: 1_000_000);
        LettaHostProcess host = await LettaHostProcess.StartAsync(new LettaHostOptions
        {
            HomeDirectory = home,
            PluginIds = ["sync"],
            PluginsJson = settings,
            Environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" },
        });
        return new HostDevice(host);
    }

    /// <summary>Runs the category through <c>POST /api/sync/run</c>; returns the wall time the caller waited and the summary.</summary>
    public async Task<(TimeSpan Time, JsonElement Summary)> RunAsync()
    {
        var sw = Stopwatch.StartNew();
        HttpResponseMessage response = await _client.PostAsJsonAsync("api/sync/run", new { category = "bench" });
        string body = await response.Content.ReadAsStringAsync();
        sw.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"run failed: {(int)response.StatusCode} {body}");
        }

        JsonElement summary = JsonDocument.Parse(body).RootElement[0];
        if (!summary.GetProperty("succeeded").GetBoolean())
        {
            throw new InvalidOperationException("run did not succeed: " + body);
        }

        return (sw.Elapsed, summary);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }
}

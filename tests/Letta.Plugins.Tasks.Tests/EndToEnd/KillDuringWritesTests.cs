using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Tasks.Storage;
using Letta.Plugins.Tasks.Tests.Support;

namespace Letta.Plugins.Tasks.Tests.EndToEnd;

/// <summary>
/// Issue 4, "done when" #2: SIGKILL a real host in the middle of a stream of writes, several times. Each time,
/// <c>tasks.json</c> parses, and every create the host acknowledged before dying is in it.
/// </summary>
public sealed class KillDuringWritesTests
{
    [Fact]
    public async Task Kill_DuringStreamOfWrites_NeverLeavesUnparsableBoard()
    {
        using var home = new TempFolder();
        using var folder = new TempFolder();
        string pluginsJson = HostSettings.PluginsJson(folder.Path);
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var random = new Random(4);
        string boardPath = Path.Combine(folder.Path, "tasks.json");

        for (int round = 0; round < 4; round++)
        {
            LettaHostProcess host = await LettaHostProcess.StartAsync(new LettaHostOptions
            {
                PluginIds = ["tasks"],
                PluginsJson = pluginsJson,
                HomeDirectory = home.Path,
            });
            try
            {
                using HttpClient http = host.CreateClient();
                http.BaseAddress = new Uri(host.BaseAddress, "api/tasks/");
                using var stop = new CancellationTokenSource();
                Task[] writers = [.. Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteUntilDeadAsync(http, round, w, acknowledged, stop.Token)))];

                await Task.Delay(random.Next(300, 900));
                host.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(writers);

                ReadResult<BoardDocument> read = BoardFileStore.ReadBoard(boardPath);
                read.Error.ShouldBeNull($"round {round}: {read.Error}");
                var ids = read.Document!.Tasks.Select(t => t.Id).ToHashSet();
                acknowledged.Keys.Where(id => !ids.Contains(id)).ShouldBeEmpty($"round {round}: acknowledged creates missing after SIGKILL");
            }
            finally
            {
                await host.DisposeAsync();
            }
        }

        acknowledged.Count.ShouldBeGreaterThan(20, "the stream must actually have written");
    }

    private static async Task WriteUntilDeadAsync(HttpClient http, int round, int worker, ConcurrentDictionary<string, bool> acknowledged, CancellationToken stop)
    {
        var mine = new List<string>();
        for (int n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                if (mine.Count < 3 || n % 3 == 0)
                {
                    using HttpResponseMessage r = await http.PostAsJsonAsync("", new { title = $"r{round} w{worker} n{n}", description = new string('x', 200) }, stop);
                    if (r.StatusCode == HttpStatusCode.Created)
                    {
                        string id = (await r.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetString()!;
                        mine.Add(id);
                        acknowledged[id] = true;
                    }
                }
                else
                {
                    string id = mine[n % mine.Count];
                    using HttpResponseMessage r = await http.PostAsJsonAsync($"{id}/move", new { status = (n % 4) switch { 0 => "Backlog", 1 => "InProgress", 2 => "Review", _ => "Completed" }, position = 0 }, stop);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The host died mid-request: that write was never acknowledged.
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(5, CancellationToken.None);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Tasks.Tests.Support;
using Xunit.Abstractions;

namespace Letta.Plugins.Tasks.Tests.EndToEnd;

/// <summary>
/// Issue 4, "done when" #1: two real <c>letta</c> processes with separate homes share one task folder, as two
/// devices would, and hammer it concurrently through the API. Afterwards both boards are identical and every
/// acknowledged operation's effect is there: for each task, the state reported by the acknowledged operation
/// with the highest version (edits, moves, deletes and archives alike) is what both hosts show.
/// </summary>
public sealed class TwoHostsSharingOneFolderTests(ITestOutputHelper output)
{
    private const int OpsPerHost = 300;
    private const int WorkersPerHost = 8;
    private static readonly string[] Statuses = ["Backlog", "InProgress", "Review", "Completed"];
    private static readonly string[] Priorities = ["Low", "Medium", "High", "Urgent"];

    /// <param name="sharedLock">
    /// True: both hosts use the lock file in the task folder (two hosts on one machine). False: each host locks in
    /// its own home, so their writes race like two devices' — renames overwrite each other's files and only the
    /// watcher-driven reload, merge and write-back keep every effect. Tasks are then changed only by the host that
    /// created them, so each task's history is known exactly.
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoHosts_ConcurrentRandomOperations_ConvergeWithEveryEffectPresent(bool sharedLock)
    {
        using var shared = new TempFolder();
        string pluginsJson = sharedLock
            ? HostSettings.PluginsJson(shared.Path)
            : HostSettings.PluginsJson(shared.Path, new { lockDirectory = "device-lock" });
        LettaHostProcess[] hosts = await Task.WhenAll(
            LettaHostProcess.StartAsync(new LettaHostOptions { PluginIds = ["tasks"], PluginsJson = pluginsJson }),
            LettaHostProcess.StartAsync(new LettaHostOptions { PluginIds = ["tasks"], PluginsJson = pluginsJson }));
        try
        {
            HttpClient[] clients = [.. hosts.Select(Client)];
            var observations = new ConcurrentBag<Observation>();
            var pool = new ConcurrentDictionary<string, int>(); // task id → creating host
            var failures = new ConcurrentBag<string>();

            await Task.WhenAll(Enumerable.Range(0, 2).SelectMany(h => Enumerable.Range(0, WorkersPerHost).Select(w =>
                Task.Run(() => RunWorkerAsync(clients[h], h, w, OpsPerHost / WorkersPerHost, sharedLock, observations, pool, failures)))));

            failures.ShouldBeEmpty(string.Join("\n", failures.Take(20)));
            output.WriteLine($"{observations.Count} acknowledged operations on {pool.Count} tasks (shared lock: {sharedLock})");

            // Quiet: let each host pick up the other's last writes, twice round.
            foreach (HttpClient c in (HttpClient[])[clients[0], clients[1], clients[0], clients[1]])
            {
                (await c.PostAsync("sync", null)).EnsureSuccessStatusCode();
            }

            string boardA = await clients[0].GetStringAsync("");
            string boardB = await clients[1].GetStringAsync("");
            string archiveA = await clients[0].GetStringAsync("archive");
            string archiveB = await clients[1].GetStringAsync("archive");
            boardB.ShouldBe(boardA, "both hosts show the same board");
            archiveB.ShouldBe(archiveA, "both hosts show the same archive");

            Dictionary<string, JsonElement> board = Index(boardA);
            Dictionary<string, JsonElement> archive = Index(archiveA);
            int checkedTasks = 0;
            foreach (IGrouping<string, Observation> perTask in observations.GroupBy(o => o.TaskId))
            {
                Observation last = perTask.MaxBy(o => o.Version)!;
                switch (last.State)
                {
                    case "Deleted":
                        board.ShouldNotContainKey(last.TaskId, $"deleted by {last.Operation}");
                        archive.ShouldNotContainKey(last.TaskId);
                        break;
                    case "Archived":
                        board.ShouldNotContainKey(last.TaskId);
                        Matches(archive, last);
                        break;
                    default:
                        archive.ShouldNotContainKey(last.TaskId);
                        Matches(board, last);
                        break;
                }

                checkedTasks++;
            }

            checkedTasks.ShouldBe(pool.Count);
            (board.Count + archive.Count).ShouldBe(observations.GroupBy(o => o.TaskId).Count(g => g.MaxBy(o => o.Version)!.State != "Deleted"));
            ShouldBeOrderedByPosition(boardA);

            // The file every device reads is the same board.
            Directory.EnumerateFiles(shared.Path, "*.tmp").ShouldBeEmpty();
        }
        finally
        {
            foreach (LettaHostProcess host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task RunWorkerAsync(HttpClient http, int host, int worker, int ops, bool foreignOps, ConcurrentBag<Observation> seen, ConcurrentDictionary<string, int> pool, ConcurrentBag<string> failures)
    {
        var random = new Random(host * 1000 + worker);
        var mine = new List<string>();
        for (int n = 0; n < ops; n++)
        {
            int roll = random.Next(100);
            string? foreign = foreignOps && roll >= 85 ? pool.Keys.Where(k => pool[k] != host).OrderBy(_ => random.Next()).FirstOrDefault() : null;
            try
            {
                if (mine.Count == 0 || roll < 30)
                {
                    JsonElement t = await Expect(http.PostAsJsonAsync("", new
                    {
                        title = $"h{host}-w{worker}-n{n}",
                        priority = Priorities[random.Next(4)],
                        status = Statuses[random.Next(3)],
                        tags = new[] { $"host{host}" },
                    }), HttpStatusCode.Created);
                    mine.Add(t.GetProperty("id").GetString()!);
                    pool[mine[^1]] = host;
                    seen.Add(Observe(t, "create"));
                }
                else if (foreign is not null)
                {
                    // Another host's task: edit or move it; it may be gone (404) or archived meanwhile.
                    HttpResponseMessage r = roll % 2 == 0
                        ? await http.PatchAsJsonAsync(foreign, new { title = $"h{host} edits {foreign} n{n}", priority = Priorities[random.Next(4)] })
                        : await http.PostAsJsonAsync($"{foreign}/move", new { status = Statuses[random.Next(3)], position = random.Next(4) });
                    if (r.StatusCode == HttpStatusCode.OK)
                    {
                        seen.Add(Observe(await r.Content.ReadFromJsonAsync<JsonElement>(), "foreign edit/move"));
                    }
                    else if (r.StatusCode != HttpStatusCode.NotFound)
                    {
                        failures.Add($"foreign op on {foreign}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                    }
                }
                else
                {
                    string id = mine[random.Next(mine.Count)];
                    if (roll < 50)
                    {
                        seen.Add(Observe(await Expect(http.PatchAsJsonAsync(id, new { title = $"h{host} edits {id} n{n}", priority = Priorities[random.Next(4)] }), HttpStatusCode.OK), "edit"));
                    }
                    else if (roll < 70)
                    {
                        seen.Add(Observe(await Expect(http.PostAsJsonAsync($"{id}/move", new { status = Statuses[random.Next(4)], position = random.Next(5) }), HttpStatusCode.OK), "move"));
                    }
                    else if (roll < 78)
                    {
                        JsonElement d = await Expect(http.DeleteAsync(id), HttpStatusCode.OK);
                        seen.Add(new Observation(id, d.GetProperty("version").GetInt64(), "Deleted", null, null, null, "delete"));
                        mine.Remove(id);
                    }
                    else
                    {
                        seen.Add(Observe(await Expect(http.PostAsync($"{id}/done", null), HttpStatusCode.OK), "done"));
                        using HttpResponseMessage r = await http.PostAsJsonAsync("archive", new { id });
                        if (r.StatusCode == HttpStatusCode.OK)
                        {
                            seen.Add(Observe((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("archived")[0], "archive"));
                            mine.Remove(id);
                        }
                        else if (r.StatusCode != HttpStatusCode.Conflict)
                        {
                            // 409 is fine: the other host moved it out of Completed in between.
                            failures.Add($"archive {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is ShouldAssertException or HttpRequestException)
            {
                failures.Add($"host {host} worker {worker} op {n}: {ex.Message}");
            }
        }
    }

    private static Observation Observe(JsonElement t, string operation)
        => new(
            t.GetProperty("id").GetString()!,
            t.GetProperty("version").GetInt64(),
            t.GetProperty("archived").GetBoolean() ? "Archived" : "Active",
            t.GetProperty("title").GetString(),
            t.GetProperty("status").GetString(),
            t.GetProperty("priority").GetString(),
            operation);

    private static void Matches(Dictionary<string, JsonElement> tasks, Observation expected)
    {
        tasks.ShouldContainKey(expected.TaskId, $"{expected.Operation} of {expected.TaskId} is missing");
        JsonElement t = tasks[expected.TaskId];
        t.GetProperty("version").GetInt64().ShouldBe(expected.Version, $"{expected.TaskId} after {expected.Operation}");
        t.GetProperty("title").GetString().ShouldBe(expected.Title);
        t.GetProperty("status").GetString().ShouldBe(expected.Status);
        t.GetProperty("priority").GetString().ShouldBe(expected.Priority);
    }

    private static void ShouldBeOrderedByPosition(string json)
    {
        foreach (IGrouping<string, JsonElement> column in JsonDocument.Parse(json).RootElement.EnumerateArray().GroupBy(t => t.GetProperty("status").GetString()!))
        {
            column.Select(t => t.GetProperty("position").GetInt32()).ShouldBe(Enumerable.Range(0, column.Count()));
        }
    }

    private static Dictionary<string, JsonElement> Index(string json)
        => JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.Clone());

    private static async Task<JsonElement> Expect(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using HttpResponseMessage r = await call;
        string body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HttpClient Client(LettaHostProcess host)
    {
        HttpClient c = host.CreateClient();
        c.BaseAddress = new Uri(host.BaseAddress, "api/tasks/");
        return c;
    }
}

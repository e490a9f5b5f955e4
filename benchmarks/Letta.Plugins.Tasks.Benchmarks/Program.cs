using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Tasks.Benchmarks;
using Letta.Plugins.Tasks.Storage;
using Letta.Testing;

// Usage: dotnet run -c Release --project benchmarks/Letta.Plugins.Tasks.Benchmarks [-- tasks 10000 iterations 200]
int taskCount = Arg("tasks", 10_000);
int iterations = Arg("iterations", 200);
string folder = Directory.CreateTempSubdirectory("letta-tasks-bench-").FullName;
try
{
    BoardSeeder.Seed(folder, taskCount);
    Console.WriteLine($"Board: {taskCount:N0} tasks, tasks.json {new FileInfo(Path.Combine(folder, "tasks.json")).Length / 1024.0 / 1024.0:0.00} MiB; {iterations} iterations each; {Environment.ProcessorCount} cores");

    string pluginsJson = JsonSerializer.Serialize(new { plugins = new { tasks = new { enabled = true, settings = new { folder, archiveAfterDays = 3650 } } } });
    await using LettaHostProcess host = await LettaHostProcess.StartAsync(new LettaHostOptions { PluginIds = ["tasks"], PluginsJson = pluginsJson });
    using HttpClient http = host.CreateClient();
    http.BaseAddress = new Uri(host.BaseAddress, "api/tasks/");

    string[] statuses = ["Backlog", "InProgress", "Review", "Completed"];
    var random = new Random(1);
    const string filter = "?status=InProgress&priority=High&tag=t3";
    int filteredCount = (await http.GetFromJsonAsync<JsonElement>(filter)).GetArrayLength();

    // Warm-up: JIT, connection, page cache.
    for (int i = 0; i < 20; i++)
    {
        await Move(http, $"seed{random.Next(taskCount):D6}", statuses[random.Next(4)], random.Next(50));
        await http.GetStringAsync(filter);
    }

    // The floor: the same board, serialised with System.Text.Json alone and written atomically, nothing else.
    // Measured interleaved with the API calls so both see the same machine load.
    BoardDocument board = BoardFileStore.ReadBoard(Path.Combine(folder, "tasks.json")).Document!;
    string floorTarget = Path.Combine(folder, "floor.json");
    for (int i = 0; i < 5; i++)
    {
        WriteFloor(board, floorTarget);
    }

    var moves = new double[iterations];
    var lists = new double[iterations];
    var floor = new double[iterations];
    for (int i = 0; i < iterations; i++)
    {
        moves[i] = await Time(() => Move(http, $"seed{random.Next(taskCount):D6}", statuses[random.Next(4)], random.Next(2500)));
        lists[i] = await Time(() => http.GetStringAsync(filter));
        floor[i] = await Time(() =>
        {
            WriteFloor(board, floorTarget);
            return Task.CompletedTask;
        });
    }

    Array.Sort(moves);
    Array.Sort(lists);
    Array.Sort(floor);

    Console.WriteLine();
    Console.WriteLine($"{"operation",-46} {"p50 ms",9} {"p95 ms",9} {"p50 / floor",12}");
    Report("floor: STJ serialise + temp + fsync + rename", floor, P(floor, 50));
    Report("API move (POST /api/tasks/{id}/move)", moves, P(floor, 50));
    Report($"API filtered list ({filteredCount} of {taskCount:N0} tasks)", lists, P(floor, 50));
    Console.WriteLine();
    Console.WriteLine($"Goal: move p50 <= 2x floor p50 -> {(P(moves, 50) <= 2 * P(floor, 50) ? "met" : "NOT met")} ({P(moves, 50) / P(floor, 50):0.00}x)");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void WriteFloor(BoardDocument board, string target)
{
    string tmp = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
    using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
    {
        JsonSerializer.Serialize(stream, board, TasksJsonContext.Default.BoardDocument);
        stream.Flush(flushToDisk: true);
    }

    File.Move(tmp, target, overwrite: true);
}

static async Task Move(HttpClient http, string id, string status, int position)
{
    using HttpResponseMessage r = await http.PostAsJsonAsync($"{id}/move", new { status, position });
    r.EnsureSuccessStatusCode();
}

static async Task<double> Time(Func<Task> op)
{
    long start = Stopwatch.GetTimestamp();
    await op();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static double P(double[] sorted, int percentile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

static void Report(string name, double[] sorted, double floorP50)
    => Console.WriteLine($"{name,-46} {P(sorted, 50),9:0.00} {P(sorted, 95),9:0.00} {P(sorted, 50) / floorP50,11:0.00}x");

int Arg(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
}

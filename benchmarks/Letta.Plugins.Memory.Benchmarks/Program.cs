using System.Globalization;
using Letta.Plugins.Memory.Benchmarks;

// dotnet run -c Release --project benchmarks/Letta.Plugins.Memory.Benchmarks -- --count 100000 [--providers sqlite,postgres] [--iterations 200]
// --parse-probe: only the import's per-line parse/validation CPU cost, in process.
// --tuned-baseline: the raw baselines use the plugin's connection settings too (PostgreSQL auto-prepare, SQLite mmap).
// --write-corpus FILE: write the generated NDJSON to FILE (to import or profile by hand) and stop.
var count = 100_000;
var iterations = 200;
string[] providers = ["sqlite", "postgres"];
string? corpusFile = null;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--count":
            count = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--iterations":
            iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--write-corpus":
            corpusFile = args[++i];
            break;
        case "--providers":
            providers = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            break;
    }
}

if (corpusFile is not null)
{
    var generator = new CorpusGenerator();
    await using var corpus = new StreamWriter(corpusFile);
    for (var i = 0; i < count; i++)
    {
        await corpus.WriteLineAsync(generator.NextLine());
    }

    Console.WriteLine($"Wrote {count:N0} memories to {corpusFile}.");
    return;
}

if (args.Contains("--parse-probe"))
{
    ParseProbe.Run(count);
    return;
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
var loadBefore = Load();
var results = new List<ProviderResult>();
using (var plugins = PluginSnapshot.Create())
{
    foreach (var provider in providers)
    {
        results.Add(await ProviderBench.RunAsync(provider, count, iterations, plugins.Directory, args.Contains("--tuned-baseline")));
    }
}

Console.WriteLine();
Console.WriteLine($"Memory store benchmark: {count:N0} generated memories, {iterations} timed runs per query (REST and raw interleaved) after 20 warm-up runs, {Environment.ProcessorCount} cores.");
Console.WriteLine($"Load average (/proc/loadavg) before: {loadBefore}; after: {Load()}.");
Console.WriteLine("REST = GET through the real letta host over HTTP with the API key; raw = the same SQL on a pooled connection to the same database"
    + (args.Contains("--tuned-baseline") ? ", with the plugin's connection settings (auto-prepare, mmap)." : ", with default connection settings."));
Console.WriteLine();
Console.WriteLine("| provider | import wall rate (REST NDJSON) | import CPU: host + DB server | memories per CPU-second | load-generator CPU |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Provider} | {r.ImportRate:N0}/s ({r.Imported:N0} in {r.ImportTime.TotalSeconds:F1} s, {r.Failed} failed) | {r.HostCpuSeconds:F1} s + {r.DbCpuSeconds:F1} s | {r.ImportRatePerCpuSecond:N0} | {r.ClientCpuSeconds:F1} s |"));
}

Console.WriteLine();
Console.WriteLine("| provider | query | rows | REST p50 | REST p95 | raw p50 | raw p95 | REST/raw p50 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    foreach (var q in r.Queries)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Provider} | {q.Name} | {q.RestRows}/{q.RawRows} | {q.Rest.P50Ms:F2} ms | {q.Rest.P95Ms:F2} ms | {q.Raw.P50Ms:F2} ms | {q.Raw.P95Ms:F2} ms | {q.Ratio:F2}× |"));
    }
}

using System.Globalization;
using System.Text.Json;
using Letta.Plugins.Sync.Engine.Applying;

namespace Letta.Plugins.Sync.Benchmarks;

/// <summary>
/// What a user waits for, end to end through two real <c>letta</c> hosts sharing a cloud folder: device A publishes
/// a tree, device B receives it into an empty folder; then no-change runs on both, then 1 % of the files changed on A
/// and both run again. In the same run, on the same tree: the walk and hash floors, <c>cp -a</c>, and Unison and
/// rclone bisync between the tree and an empty folder. Reported as ratios against the issue's goals.
/// </summary>
internal static class EndToEnd
{
    public static async Task<int> RunAsync(int files, double scale, string root, bool keep, bool peers = true)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        string tree = Directory.CreateDirectory(Path.Combine(root, "a", "tree")).FullName;
        string received = Directory.CreateDirectory(Path.Combine(root, "b", "tree")).FullName;
        string cloud = Directory.CreateDirectory(Path.Combine(root, "cloud")).FullName;
        Console.WriteLine($"load average at start: {EngineBenchmark.Load()}; cores {Environment.ProcessorCount}");
        long bytes = TreeGenerator.Generate(tree, files, scale, seed: 42);
        Console.WriteLine($"generated {files:N0} files, {bytes / 1e9:F2} GB");
        FileSystemFlush.FlushAll();

        // Floors and peers first, each on the same warm tree.
        Floors.Walk(tree);
        TimeSpan walk = Min(Floors.Walk(tree).Time, Floors.Walk(tree).Time);
        TimeSpan hash = Floors.Hash(tree);
        TimeSpan cp = Peers.CopyFloor(tree, Path.Combine(root, "cp"));
        FileSystemFlush.FlushAll();
        bool unison = peers && Peers.Available("unison"), rclone = peers && Peers.Available("rclone");
        string unisonReplica = Directory.CreateDirectory(Path.Combine(root, "unison")).FullName;
        string unisonHome = Directory.CreateDirectory(Path.Combine(root, "unison-home")).FullName;
        string rcloneReplica = Directory.CreateDirectory(Path.Combine(root, "rclone")).FullName;
        string rcloneWork = Directory.CreateDirectory(Path.Combine(root, "rclone-work")).FullName;
        TimeSpan? unisonFirst = unison ? Peers.Unison(tree, unisonReplica, unisonHome) : null;
        FileSystemFlush.FlushAll();
        TimeSpan? rcloneFirst = rclone ? Peers.RcloneBisync(tree, rcloneReplica, rcloneWork, first: true) : null;
        FileSystemFlush.FlushAll();
        Console.WriteLine($"floors: walk {Ms(walk)}, hash {Ms(hash)}, cp -a {Ms(cp)}; unison {Ms(unisonFirst)}, rclone bisync {Ms(rcloneFirst)}");

        await using HostDevice a = await HostDevice.StartAsync(Path.Combine(root, "a", "home"), tree, cloud);
        await using HostDevice b = await HostDevice.StartAsync(Path.Combine(root, "b", "home"), received, cloud);
        (TimeSpan aFirst, JsonElement aFirstSummary) = await a.RunAsync();
        (TimeSpan bFirst, JsonElement bFirstSummary) = await b.RunAsync();
        Console.WriteLine($"first sync: A {Ms(aFirst)} (sent {aFirstSummary.GetProperty("filesSent")}), B {Ms(bFirst)} (received {bFirstSummary.GetProperty("filesReceived")})");
        Console.WriteLine($"    A phases: {Phases(aFirstSummary)}");
        Console.WriteLine($"    B phases: {Phases(bFirstSummary)}");
        Floors.Walk(received);

        TimeSpan aIdle = TimeSpan.MaxValue, bIdle = TimeSpan.MaxValue;
        TimeSpan walkA = walk, walkB = TimeSpan.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            (TimeSpan ai, JsonElement aSummary) = await a.RunAsync();
            aIdle = Min(aIdle, ai);
            if (i == 2)
            {
                Console.WriteLine($"    no-change A phases: {Phases(aSummary)}");
            }

            (TimeSpan bi, JsonElement bSummary) = await b.RunAsync();
            bIdle = Min(bIdle, bi);
            if (i == 2)
            {
                Console.WriteLine($"    no-change B phases: {Phases(bSummary)}");
            }

            walkA = Min(walkA, Floors.Walk(tree).Time);
            walkB = Min(walkB, Floors.Walk(received).Time);
        }

        Console.WriteLine($"no-change: A {Ms(aIdle)} (walk {Ms(walkA)}), B {Ms(bIdle)} (walk {Ms(walkB)})");

        (int changed, long changedBytes) = TreeGenerator.ChangeOnePercent(tree, seed: 7);
        FileSystemFlush.FlushAll();
        (TimeSpan aChanged, JsonElement aChangedSummary) = await a.RunAsync();
        (TimeSpan bChanged, JsonElement bChangedSummary) = await b.RunAsync();
        Console.WriteLine($"    1 % A phases: {Phases(aChangedSummary)}");
        Console.WriteLine($"    1 % B phases: {Phases(bChangedSummary)}");
        TimeSpan? unisonChanged = unison ? Peers.Unison(tree, unisonReplica, unisonHome) : null;
        TimeSpan? rcloneChanged = rclone ? Peers.RcloneBisync(tree, rcloneReplica, rcloneWork, first: false) : null;
        Console.WriteLine($"1 % changed ({changed:N0} files, {changedBytes / 1e6:F1} MB): A {Ms(aChanged)}, B {Ms(bChanged)} (received {bChangedSummary.GetProperty("filesReceived")}); unison {Ms(unisonChanged)}, rclone bisync {Ms(rcloneChanged)}");

        bool identical = Floors.SameTrees(tree, received);
        Console.WriteLine();
        Console.WriteLine("| measurement | time | against | ratio | goal |");
        Console.WriteLine("|---|---|---|---|---|");
        Row("first sync A + B", aFirst + bFirst, "cp -a", cp, 3);
        Row("first sync A + B", aFirst + bFirst, "unison", unisonFirst, null);
        Row("first sync A + B", aFirst + bFirst, "rclone bisync", rcloneFirst, null);
        Row("no-change on A", aIdle, "walk of A", walkA, 2);
        Row("no-change on B", bIdle, "walk of B", walkB, 2);
        Row("1 % changed A + B", aChanged + bChanged, "unison", unisonChanged, 1);
        Row("1 % changed A + B", aChanged + bChanged, "rclone bisync", rcloneChanged, null);
        Console.WriteLine();
        Console.WriteLine($"hash floor {Ms(hash)}; A first {Ms(aFirst)}, B first {Ms(bFirst)}; B's tree identical to A's: {identical}");
        Console.WriteLine($"load average at the end: {EngineBenchmark.Load()}");
        if (!keep)
        {
            Directory.Delete(root, recursive: true);
        }

        return identical ? 0 : 1;
    }

    private static void Row(string what, TimeSpan time, string against, TimeSpan? baseline, double? goal)
    {
        if (baseline is not { } b)
        {
            Console.WriteLine($"| {what} | {Ms(time)} | {against} | (not run: not installed or --no-peers) | |");
            return;
        }

        double ratio = time.TotalMilliseconds / b.TotalMilliseconds;
        string verdict = goal is { } g ? $"≤ {g.ToString(CultureInfo.InvariantCulture)} ({(ratio <= g ? "met" : "missed")})" : "";
        Console.WriteLine($"| {what} | {Ms(time)} | {against} {Ms(b)} | {ratio:F2} | {verdict} |");
    }

    private static string Phases(JsonElement summary) =>
        string.Join(", ", summary.GetProperty("phaseMs").EnumerateObject().Select(p => $"{p.Name} {p.Value.GetDouble():F0}"));

    private static TimeSpan Min(TimeSpan x, TimeSpan y) => x < y ? x : y;

    private static string Ms(TimeSpan? t) => t is { } v ? EngineBenchmark.Ms(v) : "n/a";
}

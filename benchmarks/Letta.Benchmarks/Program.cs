using Letta.Benchmarks;

string what = args.FirstOrDefault() ?? "all";
if (what is "hub" or "all")
{
    await HubBenchmark.RunAsync(args.Contains("--quick") ? 20_000 : 200_000).ConfigureAwait(false);
}

if (what is "coldstart" or "all")
{
    await ColdStartBenchmark.RunAsync(args.Contains("--quick") ? 3 : 10).ConfigureAwait(false);
}

if (what is not ("hub" or "coldstart" or "all"))
{
    Console.Error.WriteLine("usage: Letta.Benchmarks [hub|coldstart|all] [--quick]");
    return 2;
}

return 0;

using System.Globalization;
using Letta.Plugins.Sync.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/Letta.Plugins.Sync.Benchmarks -- [--files 100000] [--scale 1.0] [--root DIR] [--keep] [--no-peers]
//   default: end to end through two real hosts, with cp -a, unison and rclone bisync in the same run
//   --engine: the engine alone on one device (the sending side), against its floors
//   --profile-first DIR | --profile-receive DIR | --profile-upload DIR | --profile-scan DIR: one phase alone on a kept tree
int files = 100_000;
double scale = 1.0;
string root = Path.Combine(Path.GetTempPath(), "letta-sync-bench");
bool keep = false, engine = false, peers = true;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--files": files = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--root": root = args[++i]; break;
        case "--keep": keep = true; break;
        case "--engine": engine = true; break;
        case "--no-peers": peers = false; break;
        case "--profile-scan": ScanProfile.Run(args[++i]); return 0;
        case "--profile-upload": UploadProfile.Run(args[++i]); return 0;
        case "--profile-first": FirstSyncProfile.Run(args[++i], files); return 0;
        case "--profile-receive": ReceiveProfile.Run(args[++i], files); return 0;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

return engine ? EngineBenchmark.Run(files, scale, root, keep) : await EndToEnd.RunAsync(files, scale, root, keep, peers);

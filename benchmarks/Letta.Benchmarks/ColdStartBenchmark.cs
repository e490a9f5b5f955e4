using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Letta.Testing;

namespace Letta.Benchmarks;

/// <summary>
/// Process start → first 200 from <c>/health</c>: the real <c>letta</c> with every published plugin, next to the
/// smallest ASP.NET Core minimal app. Runs alternate so machine noise hits both alike.
/// </summary>
internal static class ColdStartBenchmark
{
    public static async Task RunAsync(int runs)
    {
        string home = Directory.CreateTempSubdirectory("letta-bench-home-").FullName;
        string bareApp = typeof(ColdStartBenchmark).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LettaBareApp").Value!;
        string[] letta = [RepoPaths.HostAssembly, "serve", "--plugins-dir", RepoPaths.PluginsArtifacts, "--plugins-config", Path.Combine(RepoPaths.RepoRoot, "plugins.json")];
        string plugins = string.Join(", ", Directory.GetDirectories(RepoPaths.PluginsArtifacts).Select(Path.GetFileName));
        try
        {
            // The first letta run makes the home (key, databases); it is not counted, like the JIT warm-up of the disk cache.
            await TimeStartAsync(letta, home);
            await TimeStartAsync([bareApp], home);
            var lettaTimes = new List<double>();
            var bareTimes = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                lettaTimes.Add(await TimeStartAsync(letta, home));
                bareTimes.Add(await TimeStartAsync([bareApp], home));
            }

            double lettaP50 = Stats.Percentile(lettaTimes, 50), bareP50 = Stats.Percentile(bareTimes, 50);
            Console.WriteLine($"Cold start, process start → /health 200, {runs} runs each (plugins: {plugins}):");
            Console.WriteLine($"{"app",-34} {"p50 ms",9} {"min ms",9} {"max ms",9}");
            Console.WriteLine($"{"letta with every plugin",-34} {lettaP50,9:F0} {lettaTimes.Min(),9:F0} {lettaTimes.Max(),9:F0}");
            Console.WriteLine($"{"bare ASP.NET minimal app",-34} {bareP50,9:F0} {bareTimes.Min(),9:F0} {bareTimes.Max(),9:F0}");
            Console.WriteLine($"ratio letta ÷ bare (p50): {lettaP50 / bareP50:F2}");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<double> TimeStartAsync(string[] arguments, string home)
    {
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["LETTA_HOME"] = home;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using HttpResponseMessage response = await client.GetAsync("health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(2);
                }
            }

            throw new TimeoutException($"{arguments[0]} did not serve /health within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

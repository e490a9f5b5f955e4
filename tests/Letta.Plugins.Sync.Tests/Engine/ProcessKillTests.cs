using System.Diagnostics;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Tests.Support;

namespace Letta.Plugins.Sync.Tests.Engine;

/// <summary>§12 #18/#19 with a real process: SIGKILL while a device is applying downloads, then re-run.</summary>
public sealed class ProcessKillTests : IDisposable
{
    private readonly SyncWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Sync_ProcessKilledWhileApplyingDownloads_EveryFileOldOrNewAndRerunConverges()
    {
        SimulatedDevice a = _world.AddDevice("a");
        SimulatedDevice b = _world.AddDevice("b");
        for (int i = 0; i < 150; i++)
        {
            a.Write($"f/{i:D3}.md", "old " + i);
        }

        a.SyncOk();
        b.SyncOk();
        for (int i = 0; i < 150; i++)
        {
            a.Write($"f/{i:D3}.md", "new content " + i);
        }

        a.SyncOk(force: true);

        int applied = await RunHarnessAndKillAfterAsync(b, appliedBeforeKill: 40);

        applied.ShouldBeGreaterThanOrEqualTo(40);
        for (int i = 0; i < 150; i++)
        {
            b.Read($"f/{i:D3}.md").ShouldBeOneOf("old " + i, "new content " + i);
        }

        SyncRunResult rerun = b.SyncOk(force: true);
        rerun.Conflicts.ShouldBeEmpty();
        b.Snapshot().ShouldBe(a.Snapshot());
        Directory.EnumerateFiles(b.Folder, "*" + SyncPaths.LocalTempSuffix, SearchOption.AllDirectories).ShouldBeEmpty();
        a.SyncOk().Conflicts.ShouldBeEmpty();
    }

    private async Task<int> RunHarnessAndKillAfterAsync(SimulatedDevice device, int appliedBeforeKill)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(HarnessPath());
        foreach (string arg in new[] { _world.Cloud, device.StateDirectory, device.Folder, "machine-" + device.Name, device.Name })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        int applied = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("PHASE AfterApply", StringComparison.Ordinal) && ++applied >= appliedBeforeKill)
            {
                process.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no finally blocks
                break;
            }

            line.ShouldNotStartWith("DONE", customMessage: "the run finished before it could be killed");
        }

        await process.WaitForExitAsync(timeout.Token);
        return applied;
    }

    private static string HarnessPath()
    {
        // tests/Letta.Plugins.Sync.Tests/bin/<Configuration>/<tfm>/ → KillHarness/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = output.Name;
        string configuration = output.Parent!.Name;
        string project = output.Parent.Parent!.Parent!.FullName;
        string path = Path.Combine(project, "KillHarness", "bin", configuration, tfm, "Letta.Plugins.Sync.KillHarness.dll");
        File.Exists(path).ShouldBeTrue($"kill harness not built at {path}");
        return path;
    }
}

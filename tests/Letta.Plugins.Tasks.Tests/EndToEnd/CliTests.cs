using System.Diagnostics;
using Letta.Plugins.Tasks.Tests.Support;

namespace Letta.Plugins.Tasks.Tests.EndToEnd;

/// <summary><c>letta tasks …</c> through the real CLI against a real server.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Cli_AddMoveBoard_PrintsColumnsSideBySide()
    {
        using var folder = new TempFolder();
        await using LettaHostProcess host = await LettaHostProcess.StartAsync(new LettaHostOptions
        {
            PluginIds = ["tasks"],
            PluginsJson = HostSettings.PluginsJson(folder.Path, new { wipLimits = new { InProgress = 3 } }),
        });

        (int code, string added) = await LettaAsync(host, "tasks", "add", "Buy milk", "--priority", "High", "--tag", "home");
        code.ShouldBe(0, added);
        string id = System.Text.Json.JsonDocument.Parse(added).RootElement.GetProperty("id").GetString()!;
        (await LettaAsync(host, "tasks", "add", "Write report")).Code.ShouldBe(0);
        (await LettaAsync(host, "tasks", "move", id, "InProgress")).Code.ShouldBe(0);

        (int boardCode, string board) = await LettaAsync(host, "tasks", "board", "--width", "100");

        boardCode.ShouldBe(0, board);
        string[] lines = board.Split('\n');
        lines[0].ShouldContain("Backlog (1)");
        lines[0].ShouldContain("In progress (1/3)");
        lines.ShouldContain(l => l.Contains("Write report") && l.Contains("Buy milk"), board);

        (int badCode, string bad) = await LettaAsync(host, "tasks", "add", "x", "--priority", "Whenever");
        badCode.ShouldNotBe(0);
        bad.ShouldContain("priority");
    }

    private static async Task<(int Code, string Output)> LettaAsync(LettaHostProcess host, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepoPaths.HostAssembly);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["LETTA_HOME"] = host.HomeDirectory;
        start.Environment["LETTA_URL"] = host.BaseAddress.ToString();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

using System.Diagnostics;

namespace Letta.Plugins.Memory.Tests.EndToEnd;

/// <summary>The plugin's CLI verbs through the real <c>letta</c> executable against the running host.</summary>
public sealed class MemoryCliEndToEndTests(MemoryHostFixture fixture) : IClassFixture<MemoryHostFixture>
{
    private async Task<(int ExitCode, string Output)> LettaAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepoPaths.HostAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LETTA_HOME"] = fixture.Host.HomeDirectory;
        start.Environment["LETTA_URL"] = fixture.Host.BaseAddress.ToString();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task AddSearchListHistory_ThroughCli_Work()
    {
        var (addCode, added) = await LettaAsync("memory", "add", "Sea otters hold hands while sleeping.", "--title", "Otters", "--tags", "cli-e2e");
        addCode.ShouldBe(0, added);
        added.ShouldContain("Otters");
        var id = System.Text.RegularExpressions.Regex.Match(added, "\"id\"\\s*:\\s*\"([0-9a-f]{32})\"").Groups[1].Value;
        id.ShouldNotBeEmpty(added);

        var (searchCode, found) = await LettaAsync("memory", "search", "otter", "--tag", "cli-e2e");
        searchCode.ShouldBe(0, found);
        found.ShouldContain(id);

        var (listCode, listed) = await LettaAsync("memory", "list", "--tag", "cli-e2e");
        listCode.ShouldBe(0, listed);
        listed.ShouldContain(id);

        var (historyCode, history) = await LettaAsync("memory", "history", id);
        historyCode.ShouldBe(0, history);
        history.ShouldContain("create");
    }

    [Fact]
    public async Task Search_BadQuery_ThroughCli_FailsNamingQ()
    {
        var (code, output) = await LettaAsync("memory", "search", "\"");
        code.ShouldNotBe(0);
        output.ShouldContain("q");
        output.ShouldNotContain("   at ");
    }
}

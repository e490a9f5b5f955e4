using Letta.Testing;

namespace Letta.Plugins.Sync.Tests.EndToEnd;

/// <summary><c>letta sync …</c> through the real CLI against a real <c>letta</c> process.</summary>
public sealed class SyncCliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("letta-sync-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task SyncRun_GateStopsTheRun_ExitsOneAndForceExitsZero()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, "memories")).FullName;
        string cloud = Directory.CreateDirectory(Path.Combine(_root, "cloud")).FullName;
        for (int i = 0; i < 30; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"{i:D2}.md"), "note " + i);
        }

        await using LettaHostProcess host = await LettaHostProcess.StartAsync(new LettaHostOptions
        {
            PluginIds = ["sync"],
            PluginsJson = SyncPluginsJson.OnRequest(cloud, "memories", folder),
        });

        (int first, string firstOutput) = await LettaCli.RunAsync(host, "sync", "run");
        first.ShouldBe(0, firstOutput);
        firstOutput.ShouldContain("memories: done");
        firstOutput.ShouldNotContain("letta-exit");

        foreach (string f in Directory.EnumerateFiles(folder, "*.md").Take(25))
        {
            File.Delete(f);
        }

        (int stopped, string stoppedOutput) = await LettaCli.RunAsync(host, "sync", "run");
        stopped.ShouldBe(1, stoppedOutput);
        stoppedOutput.ShouldContain("FAILED");
        stoppedOutput.ShouldContain("--force");

        (int forced, string forcedOutput) = await LettaCli.RunAsync(host, "sync", "run", "--force");
        forced.ShouldBe(0, forcedOutput);
        Directory.EnumerateFiles(folder, "*.md").Count().ShouldBe(5);
    }
}

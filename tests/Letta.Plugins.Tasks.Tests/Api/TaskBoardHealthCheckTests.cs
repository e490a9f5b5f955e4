using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Health;
using Letta.Plugins.Tasks.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.Plugins.Tasks.Tests.Api;

public sealed class TaskBoardHealthCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Check_GoodBoard_IsHealthy()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A");
        await board.AddAsync("x");

        HealthCheckResult result = await new TaskBoardHealthCheck(board).CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Healthy);
        Directory.EnumerateFiles(_folder.Path, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_CorruptBoard_IsDegradedWithFileAndPosition()
    {
        using TaskBoard board = Boards.Open(_folder.Path, "A");
        await board.AddAsync("x");
        File.WriteAllText(Path.Combine(_folder.Path, "tasks.json"), "{\n\"schemaVersion\": 1,\n\"tasks\": [,]}");
        await board.SyncAsync(CancellationToken.None);

        HealthCheckResult result = await new TaskBoardHealthCheck(board).CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Degraded);
        result.Description.ShouldNotBeNull();
        result.Description.ShouldContain("tasks.json (line 3");
        result.Data["line"].ShouldBe(3L);
    }

    [Fact]
    public async Task Check_FolderNotWritable_IsUnhealthy()
    {
        string file = Path.Combine(_folder.Path, "not-a-folder");
        File.WriteAllText(file, "");
        using TaskBoard board = Boards.Open(Path.Combine(file, "tasks"), "A");

        HealthCheckResult result = await new TaskBoardHealthCheck(board).CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Unhealthy);
    }
}

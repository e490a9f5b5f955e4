using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Tests.Support;

namespace Letta.Plugins.Tasks.Tests.Api;

public sealed class AutoArchiveTests
{
    [Fact]
    public async Task Start_CompletedTasksPastTheAge_AreArchivedAutomatically()
    {
        using var home = new TempFolder();
        string folder = Path.Combine(home.Path, "board");
        using (TaskBoard earlier = Boards.Open(folder, "other-device", new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(-10))))
        {
            await earlier.AddAsync("finished long ago", TaskColumn.Completed);
            await earlier.AddAsync("still open");
        }

        using (TaskBoard recent = Boards.Open(folder, "other-device", new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(-1))))
        {
            await recent.AddAsync("finished yesterday", TaskColumn.Completed);
        }

        await using TasksApiServer server = await TasksApiServer.StartAsync(home.Path, new() { ["folder"] = folder, ["archiveAfterDays"] = "7" });

        JsonElement archive = await server.Client.GetFromJsonAsync<JsonElement>("archive");
        archive.EnumerateArray().Select(t => t.GetProperty("title").GetString()).ShouldBe(["finished long ago"]);
        JsonElement board = await server.Client.GetFromJsonAsync<JsonElement>("");
        board.EnumerateArray().Select(t => t.GetProperty("title").GetString()).ShouldBe(["still open", "finished yesterday"]);
    }
}

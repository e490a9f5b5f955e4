using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Plugins.Tasks.Tests.Support;

namespace Letta.Plugins.Tasks.Tests.Api;

#pragma warning disable CA1001 // the folder is deleted in IAsyncLifetime.DisposeAsync, after the server that uses it has stopped
public sealed class TasksApiTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly string[] WorkTag = ["work"];
    private readonly TempFolder _home = new();
    private TasksApiServer _server = null!;

    private HttpClient Http => _server.Client;

    public async Task InitializeAsync()
        => _server = await TasksApiServer.StartAsync(_home.Path, new()
        {
            ["wipLimits:InProgress"] = "2",
            ["archiveAfterDays"] = "7",
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Theory]
    [InlineData("""{"title": "   "}""", "title")]
    [InlineData("""{"title": "x", "status": "Doing"}""", "status")]
    [InlineData("""{"title": "x", "priority": "Whenever"}""", "priority")]
    [InlineData("""{"title": "x", "dueDate": "next tuesday"}""", "dueDate")]
    [InlineData("""{"title": "x", "due": "2026-13-45"}""", "dueDate")]
    [InlineData("""{"title": "x", "position": -1}""", "position")]
    [InlineData("""{"title": "x", "tags": [1, 2]}""", "tags")]
    [InlineData("""{"title": 5}""", "title")]
    [InlineData("""{"title": "x",""", "body")]
    public async Task Create_BadInput_Returns400NamingTheField(string body, string field)
    {
        using HttpResponseMessage response = await Http.PostAsync("", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Create_SeveralBadFields_NamesEachOne()
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync("", new { title = "", status = "Nope", priority = "Nope", dueDate = "soon" });

        JsonElement errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["title", "status", "priority", "dueDate"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("?status=Sideways", "status")]
    [InlineData("?priority=Meh", "priority")]
    [InlineData("?dueBefore=tomorrow", "dueBefore")]
    [InlineData("board/text?width=wide", "width")]
    public async Task List_BadFilter_Returns400NamingTheField(string query, string field)
    {
        using HttpResponseMessage response = await Http.GetAsync(query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateGetPatchMoveDelete_RoundTrip()
    {
        JsonElement created = await Send(HttpMethod.Post, "", new { title = "Write report", description = "**md**", priority = "high", tags = WorkTag, dueDate = "2026-12-01", externalRefs = new { taskade = "abc123" } }, HttpStatusCode.Created);
        string id = created.GetProperty("id").GetString()!;
        created.GetProperty("status").GetString().ShouldBe("Backlog");
        created.GetProperty("priority").GetString().ShouldBe("High");
        created.GetProperty("dueDate").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        created.GetProperty("externalRefs").GetProperty("taskade").GetString().ShouldBe("abc123");
        created.GetProperty("version").GetInt64().ShouldBe(1);

        JsonElement patched = await Send(HttpMethod.Patch, id, new { title = "Write the report", dueDate = (string?)null }, HttpStatusCode.OK);
        patched.GetProperty("title").GetString().ShouldBe("Write the report");
        patched.TryGetProperty("dueDate", out JsonElement due).ShouldBeTrue();
        due.ValueKind.ShouldBe(JsonValueKind.Null);
        patched.GetProperty("version").GetInt64().ShouldBe(2);

        JsonElement moved = await Send(HttpMethod.Post, $"{id}/move", new { status = "Review", position = 0 }, HttpStatusCode.OK);
        moved.GetProperty("status").GetString().ShouldBe("Review");
        moved.GetProperty("position").GetInt32().ShouldBe(0);

        (await Send(HttpMethod.Get, $"?status=Review&tag=work&text=REPORT", null, HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        (await Send(HttpMethod.Get, $"?status=Backlog", null, HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        await Send(HttpMethod.Delete, id, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, id, null, HttpStatusCode.NotFound);
        await Send(HttpMethod.Patch, id, new { title = "gone" }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Move_IntoColumnAtWipLimit_Returns409WithLimit()
    {
        await Send(HttpMethod.Post, "", new { title = "a", status = "InProgress" }, HttpStatusCode.Created);
        await Send(HttpMethod.Post, "", new { title = "b", status = "InProgress" }, HttpStatusCode.Created);
        string id = (await Send(HttpMethod.Post, "", new { title = "c" }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        JsonElement problem = await Send(HttpMethod.Post, $"{id}/move", new { status = "InProgress" }, HttpStatusCode.Conflict);

        problem.GetProperty("limit").GetInt32().ShouldBe(2);
        problem.GetProperty("status").GetString().ShouldBe("InProgress");
    }

    [Fact]
    public async Task Board_ShowsColumnsInOrderWithCountsAndLimits()
    {
        await Send(HttpMethod.Post, "", new { title = "a", status = "InProgress" }, HttpStatusCode.Created);
        await Send(HttpMethod.Post, "", new { title = "b" }, HttpStatusCode.Created);

        JsonElement board = await Send(HttpMethod.Get, "board", null, HttpStatusCode.OK);
        JsonElement[] columns = [.. board.GetProperty("columns").EnumerateArray()];

        columns.Select(c => c.GetProperty("status").GetString()).ShouldBe(["Backlog", "InProgress", "Review", "Completed"]);
        columns[1].GetProperty("count").GetInt32().ShouldBe(1);
        columns[1].GetProperty("wipLimit").GetInt32().ShouldBe(2);
        columns[0].GetProperty("wipLimit").ValueKind.ShouldBe(JsonValueKind.Null);

        using HttpResponseMessage text = await Http.GetAsync("board/text?width=100");
        text.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        string rendered = await text.Content.ReadAsStringAsync();
        rendered.ShouldContain("Backlog (1)");
        rendered.ShouldContain("In progress (1/2)");
        rendered.Split('\n')[0].IndexOf("In progress", StringComparison.Ordinal).ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task ArchiveNowListAndRestore()
    {
        string id = (await Send(HttpMethod.Post, "", new { title = "shipped", status = "Completed" }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Send(HttpMethod.Post, "", new { title = "open" }, HttpStatusCode.Created);

        JsonElement archived = await Send(HttpMethod.Post, "archive", new { olderThanDays = 0 }, HttpStatusCode.OK);
        archived.GetProperty("archived").GetArrayLength().ShouldBe(1);
        (await Send(HttpMethod.Get, "archive?text=ship", null, HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        (await Send(HttpMethod.Get, id, null, HttpStatusCode.OK)).GetProperty("archived").GetBoolean().ShouldBeTrue();

        JsonElement restored = await Send(HttpMethod.Post, $"archive/{id}/restore", null, HttpStatusCode.OK);
        restored.GetProperty("archived").GetBoolean().ShouldBeFalse();
        (await Send(HttpMethod.Get, "archive", null, HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Write_WhileBoardFileCorrupt_Returns503NamingTheFileAndReadsStillWork()
    {
        await Send(HttpMethod.Post, "", new { title = "kept" }, HttpStatusCode.Created);
        string path = Path.Combine(_server.Board.Settings.Folder, "tasks.json");
        await File.WriteAllTextAsync(path, "{\n \"schemaVersion\": 1,\n oops }");

        JsonElement problem = await Send(HttpMethod.Post, "", new { title = "refused" }, HttpStatusCode.ServiceUnavailable);

        problem.GetProperty("file").GetString().ShouldBe(path);
        problem.GetProperty("line").GetInt64().ShouldBe(3);
        (await Send(HttpMethod.Get, "", null, HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        (await File.ReadAllTextAsync(path)).ShouldContain("oops");
    }

    [Fact]
    public async Task DefaultFolder_IsUnderLettaHomeCloud()
        => _server.Board.Settings.Folder.ShouldBe(Path.Combine(_home.Path, "cloud", "task_management"));

    private async Task<JsonElement> Send(HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

using System.Net;
using System.Text;
using static Letta.Plugins.Memory.Tests.EndToEnd.HttpJson;

namespace Letta.Plugins.Memory.Tests.EndToEnd;

/// <summary>The REST API through the real host process over HTTP, with the API key, on the default SQLite store.</summary>
public sealed class MemoryApiEndToEndTests(MemoryHostFixture fixture) : IClassFixture<MemoryHostFixture>
{
    private HttpClient Client() => fixture.Host.CreateClient();

    [Fact]
    public async Task Api_WithoutKey_Returns401()
    {
        using var anonymous = fixture.Host.CreateClient(withApiKey: false);
        using var response = await anonymous.GetAsync("api/memory/memories");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateGetSearchUpdate_OverHttp_Works()
    {
        using var http = Client();
        using var created = await http.PostAsync("api/memory/memories", Body("""{"title":"Heron","content":"A grey heron fished in the canal at dawn.","tags":["birds","e2e"],"metadata":{"place":"canal"},"source":"e2e"}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var memory = await ReadAsync(created);
        var id = memory.GetProperty("id").GetString()!;
        memory.GetProperty("metadata").GetProperty("place").GetString().ShouldBe("canal");

        using var got = await http.GetAsync($"api/memory/memories/{id}");
        (await ReadAsync(got)).GetProperty("content").GetString().ShouldBe("A grey heron fished in the canal at dawn.");

        using var found = await http.GetAsync("api/memory/search?q=heron%20can&tag=e2e");
        var hits = (await ReadAsync(found)).GetProperty("items");
        hits.GetArrayLength().ShouldBe(1);
        hits[0].GetProperty("snippet").GetString()!.ShouldContain("[heron]");

        using var put = await http.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/memory/memories/{id}")
        {
            Content = Body("""{"content":"A heron again."}"""),
        }.WithIfMatch(1));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        put.Headers.ETag!.Tag.ShouldBe("\"2\"");

        using var stale = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/memory/memories/{id}")
        {
            Content = Body("""{"title":"late"}"""),
        }.WithIfMatch(1));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ReadAsync(stale)).GetProperty("currentVersion").GetInt64().ShouldBe(2);

        using var deleted = await http.DeleteAsync($"api/memory/memories/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var gone = await http.GetAsync($"api/memory/memories/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var restored = await http.PostAsync($"api/memory/memories/{id}/restore", null);
        restored.StatusCode.ShouldBe(HttpStatusCode.OK, await restored.Content.ReadAsStringAsync());
        using var history = await http.GetAsync($"api/memory/memories/{id}/history");
        (await ReadAsync(history)).GetProperty("items").GetArrayLength().ShouldBe(4);
    }

    [Theory]
    [InlineData("{\"content\":", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("{\"content\":\"\"}", "content")]
    [InlineData("{\"content\":42}", "content")]
    [InlineData("{\"content\":\"x\",\"tags\":\"a\"}", "tags")]
    [InlineData("{\"content\":\"x\",\"metadata\":[1]}", "metadata")]
    [InlineData("[]", "body")]
    public async Task Create_BadBody_Returns400NamingField(string body, string field)
    {
        using var http = Client();
        using var response = await http.PostAsync("api/memory/memories", Body(body));
        await ShouldBeValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Create_OverLongContent_Returns400NamingContent()
    {
        using var http = Client();
        var body = "{\"content\":\"" + new string('x', 100_001) + "\"}";
        using var response = await http.PostAsync("api/memory/memories", Body(body));
        await ShouldBeValidationProblemAsync(response, "content");
    }

    [Theory]
    [InlineData("api/memory/memories?cursor=garbage", "cursor")]
    [InlineData("api/memory/memories?limit=abc", "limit")]
    [InlineData("api/memory/memories?limit=100000", "limit")]
    [InlineData("api/memory/memories?tagMode=some", "tagMode")]
    [InlineData("api/memory/memories?metadata=%7Bbad", "metadata")]
    [InlineData("api/memory/memories?createdAfter=yesterday", "createdAfter")]
    [InlineData("api/memory/search?q=%22", "q")]
    [InlineData("api/memory/search?q=-only", "q")]
    [InlineData("api/memory/search", "q")]
    [InlineData("api/memory/search?q=x&cursor=%%%", "cursor")]
    public async Task Query_BadParameter_Returns400NamingIt(string url, string field)
    {
        using var http = Client();
        using var response = await http.GetAsync(url);
        await ShouldBeValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Search_SqlFragment_IsHarmless()
    {
        using var http = Client();
        using var response = await http.GetAsync("api/memory/search?q=" + Uri.EscapeDataString("x'); DROP TABLE memories; -- \" OR"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var list = await http.GetAsync("api/memory/memories?limit=1");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ImportThenExport_OverHttp_ReportsLinesAndStreamsNdjson()
    {
        using var http = Client();
        var ndjson = "{\"content\":\"imported e2e line one\",\"tags\":[\"e2e-import\"]}\n{\"content\":\"\"}\n{\"content\":\"imported e2e line three\",\"tags\":[\"e2e-import\"]}\n";
        using var import = await http.PostAsync("api/memory/import", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        var result = await ReadAsync(import);
        import.StatusCode.ShouldBe(HttpStatusCode.OK, result.ToString());
        result.GetProperty("imported").GetInt64().ShouldBe(2);
        result.GetProperty("failed")[0].GetProperty("line").GetInt64().ShouldBe(2);
        result.GetProperty("failed")[0].GetProperty("field").GetString().ShouldBe("content");

        using var export = await http.GetAsync("api/memory/export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => l.Contains("imported e2e line", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Health_ReportsMemoryPluginHealthy()
    {
        using var http = Client();
        using var response = await http.GetAsync("health");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldContain("memory");
        text.ShouldNotContain("Unhealthy");
    }
}

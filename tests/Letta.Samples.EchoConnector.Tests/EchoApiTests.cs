using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Messaging;
using Letta.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Samples.EchoConnector.Tests;

public sealed class EchoApiTests
{
    [Fact]
    public async Task Ping_Message_EchoesWithDefaultPrefix()
    {
        await using EchoTestApp app = await EchoTestApp.StartAsync();

        using HttpResponseMessage response = await app.Client.PostAsJsonAsync("api/echo/ping", new { message = "hi" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("echo").GetString().ShouldBe("echo: hi");
    }

    [Fact]
    public async Task Ping_PrefixFromSettings_IsUsed()
    {
        await using EchoTestApp app = await EchoTestApp.StartAsync(new Dictionary<string, string?> { ["prefix"] = ">> " });

        using HttpResponseMessage response = await app.Client.PostAsJsonAsync("api/echo/ping", new { message = "hi" });

        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("echo").GetString().ShouldBe(">> hi");
    }

    [Theory]
    [InlineData("""{"message":""}""")]
    [InlineData("""{"message":"   "}""")]
    [InlineData("""{}""")]
    public async Task Ping_EmptyMessage_Returns400NamingMessage(string json)
    {
        await using EchoTestApp app = await EchoTestApp.StartAsync();

        using HttpResponseMessage response = await app.Client.PostAsync("api/echo/ping", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("message", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Ping_MessageTooLong_Returns400NamingMessage()
    {
        await using EchoTestApp app = await EchoTestApp.StartAsync();

        using HttpResponseMessage response = await app.Client.PostAsJsonAsync("api/echo/ping", new { message = new string('x', EchoPingRequest.MaxLength + 1) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("message", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Events_AfterTaskCreated_ListsIt()
    {
        await using EchoTestApp app = await EchoTestApp.StartAsync();
        using (IServiceScope scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageHandler<TaskCreated>>()
                .HandleAsync(new TaskCreated("t-9", "Ship it", "Review", "Urgent", DateTimeOffset.UnixEpoch), CancellationToken.None);
        }

        JsonElement events = await app.Client.GetFromJsonAsync<JsonElement>("api/echo/events");

        events.GetArrayLength().ShouldBe(1);
        events[0].GetProperty("type").GetString().ShouldBe("TaskCreated");
        events[0].GetProperty("summary").GetString()!.ShouldContain("Ship it");
    }

    [Fact]
    public async Task Events_NoneYet_ReturnsEmptyArray()
    {
        await using EchoTestApp app = await EchoTestApp.StartAsync();

        JsonElement events = await app.Client.GetFromJsonAsync<JsonElement>("api/echo/events");

        events.GetArrayLength().ShouldBe(0);
    }
}

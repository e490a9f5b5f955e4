using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Letta.Host.Tests.Support;

namespace Letta.Host.Tests.Http;

/// <summary>The real <c>letta</c> executable over real HTTP, with a plugins folder full of trouble.</summary>
public sealed class HostProcessTests(MixedPluginsHostFixture fixture) : IClassFixture<MixedPluginsHostFixture>
{
    private LettaHostProcess Host => fixture.Host;

    [Fact]
    public async Task Health_WithoutKey_ServesDegradedBecauseSomePluginsAreRejected()
    {
        using HttpClient client = Host.CreateClient(withApiKey: false);

        using HttpResponseMessage response = await client.GetAsync("health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("Degraded");
        body.GetProperty("plugins").GetProperty("echo").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Theory]
    [InlineData("api/plugins")]
    [InlineData("api/good/hello")]
    [InlineData("api/openapi/v1.json")]
    public async Task Api_WithoutKey_Is401(string path)
    {
        using HttpClient client = Host.CreateClient(withApiKey: false);

        using HttpResponseMessage response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_WrongKey_Is401AndBearerKeyWorks()
    {
        using HttpClient client = Host.CreateClient(withApiKey: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", "letta_wrong");
        (await client.GetAsync("api/plugins")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.ApiKey);
        (await client.GetAsync("api/plugins")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Plugins_MixedFolder_EachListedWithStateAndActionableReason()
    {
        Dictionary<string, JsonElement> plugins = await ListPluginsAsync();

        State(plugins, "echo").ShouldBe("Active");
        State(plugins, "good").ShouldBe("Active");
        State(plugins, "dependent-free-identity-check", fallback: "absent").ShouldBe("absent");
        State(plugins, "ctor-throws").ShouldBe("Faulted");
        Reason(plugins, "ctor-throws").ShouldContain("constructor exploded");
        State(plugins, "newer-abi").ShouldBe("Incompatible");
        Reason(plugins, "newer-abi").ShouldContain("Update Letta");
        State(plugins, "newer-extensions").ShouldBe("Incompatible");
        Reason(plugins, "newer-extensions").ShouldContain("Microsoft.Extensions.Logging.Abstractions 11.0.0.0");
        State(plugins, "junk").ShouldBe("Incompatible");
        Reason(plugins, "junk").ShouldContain("no plugin.json");
        State(plugins, "dupe").ShouldBe("Conflict");
        State(plugins, "dupe@2").ShouldBe("Conflict");
        Reason(plugins, "dupe").ShouldContain("Remove all but one");
        State(plugins, "faulty").ShouldBe("Faulted");
        Reason(plugins, "faulty").ShouldContain("start exploded");
    }

    [Fact]
    public async Task Plugins_HealthFalse_ListsDeclarationsWithoutRunningHealthChecks()
    {
        using HttpClient client = Host.CreateClient();

        JsonElement list = await client.GetFromJsonAsync<JsonElement>("api/plugins?health=false");

        JsonElement good = list.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "good");
        good.GetProperty("health").ValueKind.ShouldBe(JsonValueKind.Null);
        good.GetProperty("commands").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task PluginEndpoint_HandlerParametersResolveFromPluginContainer()
    {
        using HttpClient client = Host.CreateClient();

        (await client.GetStringAsync("api/good/hello")).ShouldBe("hello from good");
        JsonElement services = await client.GetFromJsonAsync<JsonElement>("api/good/services");
        services.GetProperty("pluginId").GetString().ShouldBe("good");
        services.GetProperty("dataDirectory").GetString().ShouldBe(Path.Combine(Host.HomeDirectory, "plugins", "good"));
    }

    [Fact]
    public async Task PluginEndpoint_PluginFaultedAtStart_Is503WithReason()
    {
        using HttpClient client = Host.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("api/faulty/ok");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("start exploded");
    }

    [Fact]
    public async Task Hub_EventPublishedInOnePlugin_ReachesSubscriberInAnotherLoadContext()
    {
        using HttpClient client = Host.CreateClient();
        string title = "cross-" + Guid.NewGuid().ToString("N");

        (await client.PostAsync($"api/good/publish?title={title}", null)).EnsureSuccessStatusCode();

        await Eventually(async () => (await client.GetStringAsync("api/echo/events")).Contains(title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hub_HandlerThrows_CountedInPluginHealthAndLaterEventsStillHandled()
    {
        using HttpClient client = Host.CreateClient();

        (await client.PostAsync("api/good/publish?title=boom", null)).EnsureSuccessStatusCode();
        string after = "after-" + Guid.NewGuid().ToString("N");
        (await client.PostAsync($"api/good/publish?title={after}", null)).EnsureSuccessStatusCode();

        await Eventually(async () => (await client.GetStringAsync("api/good/received-tasks")).Contains(after, StringComparison.Ordinal));
        JsonElement good = (await ListPluginsAsync())["good"];
        good.GetProperty("hub").GetProperty("handlerFailures").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        good.GetProperty("health").GetProperty("status").GetString().ShouldBe("Degraded");
    }

    [Fact]
    public async Task Hub_PrivateMessageTypesWithSameName_ReportedNotSilentlyDropped()
    {
        using HttpClient client = Host.CreateClient();

        (await client.PostAsync("api/identity-a/ping?text=hello", null)).EnsureSuccessStatusCode();

        await Eventually(async () =>
        {
            Dictionary<string, JsonElement> plugins = await ListPluginsAsync();
            return IdentityErrors(plugins["identity-a"]) + IdentityErrors(plugins["identity-b"]) > 0;
        });
        (await client.GetStringAsync("api/identity-b/received")).ShouldBe("[]");
        Host.Output.ShouldContain("Letta.TestPlugins.Common.PrivatePing");
    }

    [Fact]
    public async Task Logs_PluginLines_CarryPluginIdInRollingFile()
    {
        string logs = Path.Combine(Host.HomeDirectory, "logs");

        string text = string.Concat(Directory.GetFiles(logs, "letta-*.log").Select(ReadShared));

        text.ShouldContain("[good]");
        text.ShouldContain("good plugin started");
        text.ShouldContain("[host]");
        text.ShouldNotContain(Host.ApiKey);
    }

    [Fact]
    public async Task OpenApi_WithKey_DocumentsHostAndPluginRoutes()
    {
        using HttpClient client = Host.CreateClient();

        string document = await client.GetStringAsync("api/openapi/v1.json");

        document.ShouldContain("/api/plugins");
        document.ShouldContain("/api/good/hello");
    }

    [Fact]
    public void Home_StateFiles_ArePrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.GetUnixFileMode(Path.Combine(Host.HomeDirectory, "api-key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Host.HomeDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(Host.HomeDirectory, "plugins", "good")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Cli_PluginsAndHealth_ReadServerFromHome()
    {
        (int code, string output, string error) = await CliRunner.RunAsync(Host.HomeDirectory, "plugins");
        code.ShouldBe(0, error);
        output.ShouldContain("good");
        output.ShouldContain("Conflict");

        (code, output, error) = await CliRunner.RunAsync(Host.HomeDirectory, "health");
        code.ShouldBe(0, error);
        output.ShouldContain("Degraded");
    }

    [Fact]
    public async Task Cli_PluginVerb_MapsToPluginEndpoint()
    {
        (int code, string output, string error) = await CliRunner.RunAsync(Host.HomeDirectory, "good", "hello");
        code.ShouldBe(0, error);
        output.ShouldBe("hello from good\n");

        (code, output, error) = await CliRunner.RunAsync(Host.HomeDirectory, "echo", "ping", "hi there");
        code.ShouldBe(0, error);
        output.ShouldContain(">> hi there");
    }

    [Fact]
    public async Task Cli_HelpOnEveryVerb_ExitsZeroAndDescribes()
    {
        foreach (string[] args in new[] { new[] { "--help" }, ["serve", "--help"], ["plugins", "--help"], ["health", "--help"], ["good", "hello", "--help"] })
        {
            (int code, string output, string error) = await CliRunner.RunAsync(Host.HomeDirectory, args);
            code.ShouldBe(0, $"{string.Join(' ', args)}: {error}");
            output.ShouldContain("Usage");
        }
    }

    private async Task<Dictionary<string, JsonElement>> ListPluginsAsync()
    {
        using HttpClient client = Host.CreateClient();
        JsonElement list = await client.GetFromJsonAsync<JsonElement>("api/plugins");
        return list.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("folder").GetString()!, p => p.Clone());
    }

    private static string State(Dictionary<string, JsonElement> plugins, string folder, string? fallback = null) =>
        plugins.TryGetValue(folder, out JsonElement plugin) ? plugin.GetProperty("state").GetString()! : fallback ?? $"missing {folder}";

    private static string Reason(Dictionary<string, JsonElement> plugins, string folder) =>
        plugins[folder].GetProperty("reason").GetString() ?? string.Empty;

    private static long IdentityErrors(JsonElement plugin) =>
        plugin.GetProperty("hub").ValueKind == JsonValueKind.Object ? plugin.GetProperty("hub").GetProperty("identityErrors").GetProperty("count").GetInt64() : 0;

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException("condition not met within 15 s");
            }

            await Task.Delay(50);
        }
    }
}

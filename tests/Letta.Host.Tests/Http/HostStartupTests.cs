
namespace Letta.Host.Tests.Http;

public sealed class HostStartupTests
{
    [Fact]
    public async Task Start_MalformedPluginsJson_StopsNamingFileAndLine()
    {
        InvalidOperationException error = await Should.ThrowAsync<InvalidOperationException>(() => LettaHostProcess.StartAsync(new LettaHostOptions
        {
            PluginsJson = "{\n  \"plugins\": {\n    \"echo\": { \"enabled\": tru }\n  }\n}\n",
        }));

        error.Message.ShouldContain("exited with code 2");
        error.Message.ShouldContain("plugins.json:3:");
        error.Message.ShouldContain("invalid JSON");
    }

    [Fact]
    public async Task Start_PluginsJsonWrongShape_StopsNamingFileLineAndField()
    {
        InvalidOperationException error = await Should.ThrowAsync<InvalidOperationException>(() => LettaHostProcess.StartAsync(new LettaHostOptions
        {
            PluginsJson = "{\n  \"plugins\": {\n    \"echo\": {\n      \"enabled\": \"yes\"\n    }\n  }\n}\n",
        }));

        error.Message.ShouldContain("plugins.json:4:");
        error.Message.ShouldContain("plugins.echo.enabled must be true or false");
    }

    [Fact]
    public async Task Start_EmptyPluginsFolder_ServesHealthy()
    {
        await using LettaHostProcess host = await LettaHostProcess.StartAsync(new LettaHostOptions());
        using HttpClient client = host.CreateClient();

        (await client.GetStringAsync("health")).ShouldContain("\"status\":\"Healthy\"");
        (await client.GetStringAsync("api/plugins")).ShouldContain("\"plugins\":[]");
    }
}

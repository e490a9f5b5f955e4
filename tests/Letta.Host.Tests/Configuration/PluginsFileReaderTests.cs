using Letta.Host.Configuration;

namespace Letta.Host.Tests.Configuration;

public sealed class PluginsFileReaderTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEnabledAndSettings()
    {
        PluginsFile file = PluginsFileReader.Parse("p.json", """
            {
              // comments are fine
              "plugins": {
                "memory": { "enabled": true, "settings": { "connectionString": "x" } },
                "echo": { "enabled": false }
              }
            }
            """);

        file.For("memory").Enabled.ShouldBeTrue();
        file.For("memory").Settings!.Value.GetProperty("connectionString").GetString().ShouldBe("x");
        file.For("echo").Enabled.ShouldBeFalse();
        file.For("unlisted").ShouldBe(PluginEntry.Default);
    }

    [Theory]
    [InlineData("{\n  \"plugins\": {\n    \"echo\": { \"enabled\": tru }\n  }\n}", "p.json:3:", "invalid JSON")]
    [InlineData("{\n  \"plugins\": {\n    \"echo\": { \"enabled\": true },\n  }\n}", "p.json:4:", "invalid JSON")]
    [InlineData("[1]", "p.json:1:", "root must be an object")]
    [InlineData("{\n  \"plugin\": {}\n}", "p.json:2:", "unknown property 'plugin'")]
    [InlineData("{\n  \"plugins\": {\n    \"a\": { \"enabled\": true },\n    \"b\": {\n      \"enabled\": 1\n    }\n  }\n}", "p.json:5:", "plugins.b.enabled must be true or false")]
    [InlineData("{\n  \"plugins\": {\n    \"a\": {\n      \"settings\": [1]\n    }\n  }\n}", "p.json:4:", "plugins.a.settings must be an object")]
    [InlineData("{\n  \"plugins\": {\n    \"a\": {\n      \"enable\": true\n    }\n  }\n}", "p.json:4:", "unknown property 'enable'")]
    public void Parse_MalformedFile_NamesFileLineAndProblem(string text, string location, string problem)
    {
        PluginsFileException error = Should.Throw<PluginsFileException>(() => PluginsFileReader.Parse("p.json", text));

        error.Message.ShouldStartWith(location);
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public void Create_EnvReferences_ResolvedAndMissingOnesReported()
    {
        var errors = new List<string>();
        System.Text.Json.JsonElement settings = System.Text.Json.JsonDocument.Parse("""{ "token": "Bearer ${env:TOKEN}", "nested": { "list": ["${ENV:MISSING}"] } }""").RootElement;

        Microsoft.Extensions.Configuration.IConfiguration config = PluginSettingsFactory.Create(settings, name => name == "TOKEN" ? "s3cret" : null, errors);

        config["token"].ShouldBe("Bearer s3cret");
        errors.ShouldHaveSingleItem().ShouldBe("nested:list:0: references ${env:MISSING} but the environment variable MISSING is not set");
    }
}

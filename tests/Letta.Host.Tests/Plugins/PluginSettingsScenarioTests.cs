using Letta.Host.Plugins;
using Letta.Host.Tests.Support;
using Letta.Plugins;

namespace Letta.Host.Tests.Plugins;

/// <summary>Settings validation scenarios: field errors, unknown keys, unset environment references.</summary>
public sealed class PluginSettingsScenarioTests
{
    [Fact]
    public async Task Start_OlderFluentValidationSettingsInvalid_InvalidConfigurationWithField()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("old-validation");

        PluginRuntime runtime = (await harness.StartAsync("""{ "plugins": { "old-validation": { "settings": { "name": "" } } } }""")).Find("old-validation")!;

        runtime.State.ShouldBe(PluginState.InvalidConfiguration);
        runtime.Reason!.ShouldContain("settings.name");
    }

    [Fact]
    public async Task Start_InvalidSettings_InvalidConfigurationWithFieldErrors()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");

        PluginRuntime runtime = (await harness.StartAsync("""{ "plugins": { "good": { "settings": { "greeting": "", "limit": 500 } } } }""")).Find("good")!;

        runtime.State.ShouldBe(PluginState.InvalidConfiguration);
        runtime.Reason!.ShouldContain("settings.greeting");
        runtime.Reason!.ShouldContain("settings.limit");
    }

    [Fact]
    public async Task Start_UnknownSettingsKey_InvalidConfigurationNamingKey()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");

        PluginRuntime runtime = (await harness.StartAsync("""{ "plugins": { "good": { "settings": { "greetng": "hi" } } } }""")).Find("good")!;

        runtime.State.ShouldBe(PluginState.InvalidConfiguration);
        runtime.Reason!.ShouldContain("greetng");
    }

    [Fact]
    public async Task Start_EnvReferenceUnset_InvalidConfigurationNamingVariable()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");

        PluginRuntime runtime = (await harness.StartAsync("""{ "plugins": { "good": { "settings": { "greeting": "${env:LETTA_TEST_SURELY_UNSET_VARIABLE}" } } } }""")).Find("good")!;

        runtime.State.ShouldBe(PluginState.InvalidConfiguration);
        runtime.Reason!.ShouldContain("LETTA_TEST_SURELY_UNSET_VARIABLE is not set");
    }
}

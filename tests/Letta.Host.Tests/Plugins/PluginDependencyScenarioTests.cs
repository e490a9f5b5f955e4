using System.Text.Json.Nodes;
using Letta.Host.Plugins;
using Letta.Host.Tests.Support;
using Letta.Plugins;

namespace Letta.Host.Tests.Plugins;

/// <summary>Dependency ordering scenarios: satisfied, missing, out of range, cycle, rejected dependency.</summary>
public sealed class PluginDependencyScenarioTests
{
    [Fact]
    public async Task Start_NativeSqliteDependency_ActiveAndNativeLibraryLoads()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("native-sqlite");

        PluginRuntime runtime = (await harness.StartAsync()).Find("native-sqlite")!;

        runtime.State.ShouldBe(PluginState.Active, runtime.Reason);
    }

    [Fact]
    public async Task Start_DependencySatisfied_BothActiveDependencyFirst()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("dependent");
        harness.Plugins.AddTestPlugin("good");

        PluginCatalog catalog = await harness.StartAsync();

        catalog.Find("dependent")!.State.ShouldBe(PluginState.Active, catalog.Find("dependent")!.Reason);
        catalog.StartOrder.Select(r => r.Id).ToList().IndexOf("good").ShouldBeLessThan(catalog.StartOrder.Select(r => r.Id).ToList().IndexOf("dependent"));
    }

    [Fact]
    public async Task Bootstrap_DependencyMissing_MissingDependency()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("dependent");

        PluginRuntime runtime = harness.Bootstrap().Find("dependent")!;

        runtime.State.ShouldBe(PluginState.MissingDependency);
        runtime.Reason!.ShouldContain("'good'");
    }

    [Fact]
    public async Task Bootstrap_DependencyOutOfRange_MissingDependencyNamingVersions()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("dependent", editManifest: m => m["dependencies"] = JsonNode.Parse("""[{"id":"good","version":">=2.0.0"}]"""));
        harness.Plugins.AddTestPlugin("good");

        PluginRuntime runtime = harness.Bootstrap().Find("dependent")!;

        runtime.State.ShouldBe(PluginState.MissingDependency);
        runtime.Reason!.ShouldContain(">=2.0.0");
        runtime.Reason!.ShouldContain("1.2.0");
    }

    [Fact]
    public async Task Bootstrap_DependencyCycle_BothFaulted()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("dependent");
        harness.Plugins.AddTestPlugin("good", editManifest: m => m["dependencies"] = JsonNode.Parse("""[{"id":"dependent","version":"*"}]"""));

        PluginCatalog catalog = harness.Bootstrap();

        catalog.Find("dependent")!.State.ShouldBe(PluginState.Faulted);
        catalog.Find("good")!.State.ShouldBe(PluginState.Faulted);
        catalog.Find("good")!.Reason!.ShouldContain("cycle");
    }

    [Fact]
    public async Task Bootstrap_DependencyRejected_DependentIsMissingDependency()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("dependent");
        harness.Plugins.AddTestPlugin("good");

        PluginRuntime runtime = (await harness.StartAsync("""{ "plugins": { "good": { "enabled": false } } }""")).Find("dependent")!;

        runtime.State.ShouldBe(PluginState.MissingDependency);
        runtime.Reason!.ShouldContain("Disabled");
    }
}

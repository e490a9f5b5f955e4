using System.Text.Json.Nodes;
using Letta.Host.Plugins;
using Letta.Host.Tests.Support;
using Letta.Memories;
using Letta.Plugins;

namespace Letta.Host.Tests.Plugins;

/// <summary>The loader scenarios of plugin-loading.md §10, on real fixture plugins through the real loader.</summary>
public sealed class PluginLoadingScenarioTests
{
    [Fact]
    public async Task Start_WellFormedPlugin_IsActiveWithServicesAndHandlers()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");

        PluginCatalog catalog = await harness.StartAsync();

        PluginRuntime good = catalog.Find("good")!;
        good.State.ShouldBe(PluginState.Active, good.Reason);
        good.Commands.ShouldContain(c => c.Name == "hello");
        MemoryPage page = await harness.Hub.ForPlugin("test").RequestAsync(new SearchMemories("needle"), TimeSpan.FromSeconds(10));
        page.Items.ShouldHaveSingleItem().Title.ShouldContain("needle");
    }

    [Fact]
    public async Task Start_HandlerWithHubSubscriptionAttribute_GetsItsQueueOptions()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");

        await harness.StartAsync();

        var subscriptions = harness.Hub.GetDiagnostics("good").Subscriptions;
        var tasks = subscriptions.Single(s => s.MessageType == typeof(Letta.Tasks.TaskCreated).FullName);
        tasks.Capacity.ShouldBe(4096);
        tasks.FullMode.ShouldBe("Wait");
        var memories = subscriptions.Single(s => s.MessageType == typeof(MemoryCreated).FullName);
        memories.Capacity.ShouldBe(Letta.Messaging.SubscriptionOptions.Default.Capacity);
        memories.FullMode.ShouldBe("DropOldest");
    }

    [Fact]
    public async Task Start_ConstructorThrows_OnlyThatPluginFaulted()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");
        harness.Plugins.AddTestPlugin("ctor-throws");

        PluginCatalog catalog = await harness.StartAsync();

        PluginRuntime broken = catalog.Find("ctor-throws")!;
        broken.State.ShouldBe(PluginState.Faulted);
        broken.Reason!.ShouldContain("constructor exploded");
        catalog.Find("good")!.State.ShouldBe(PluginState.Active);
    }

    [Theory]
    [InlineData("configure", "ConfigureServices")]
    [InlineData("start", "StartAsync")]
    public async Task Start_PluginThrowsInStep_IsFaultedNamingStep(string step, string expectedStep)
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("faulty");
        harness.Plugins.AddTestPlugin("good");

        PluginCatalog catalog = await harness.StartAsync($$"""{ "plugins": { "faulty": { "settings": { "throwIn": "{{step}}" } } } }""");

        PluginRuntime faulty = catalog.Find("faulty")!;
        faulty.State.ShouldBe(PluginState.Faulted);
        faulty.Reason!.ShouldContain(expectedStep);
        faulty.Reason!.ShouldContain($"{step} exploded");
        catalog.Find("good")!.State.ShouldBe(PluginState.Active);
    }

    [Fact]
    public async Task Bootstrap_FolderWithGarbageDll_ListedIncompatibleAndOthersLoad()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddFolder("junk", ("junk.dll", [0x4d, 0x5a, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]));
        harness.Plugins.AddFolder("garbage", ("garbage.dll", "not a PE file"u8.ToArray()),
            ("plugin.json", """{"id":"garbage","name":"Garbage","version":"1.0.0","entryAssembly":"garbage.dll","abi":"1.0"}"""u8.ToArray()),
            ("garbage.deps.json", "{}"u8.ToArray()));
        harness.Plugins.AddTestPlugin("good");

        PluginCatalog catalog = await harness.StartAsync();

        PluginRuntime junk = catalog.All.Single(r => r.Id == "junk");
        junk.State.ShouldBe(PluginState.Incompatible);
        junk.Reason!.ShouldContain("no plugin.json");
        PluginRuntime garbage = catalog.Find("garbage")!;
        garbage.State.ShouldBe(PluginState.Incompatible);
        garbage.Reason!.ShouldContain("not a managed .NET assembly");
        catalog.Find("good")!.State.ShouldBe(PluginState.Active);
    }

    [Fact]
    public async Task Bootstrap_TwoFoldersWithSameId_BothConflictWhateverTheOrder()
    {
        foreach (string[] order in new[] { new[] { "good", "good@2" }, ["good@0", "good"] })
        {
            await using var harness = new BootstrapHarness();
            harness.Plugins.AddTestPlugin("good", order[0]);
            harness.Plugins.AddTestPlugin("good", order[1]);

            PluginCatalog catalog = harness.Bootstrap();

            catalog.All.Count(r => r.State == PluginState.Conflict).ShouldBe(2);
            catalog.All.ShouldAllBe(r => r.Reason!.Contains("declared by 2 folders"));
            catalog.All.ShouldAllBe(r => r.Assembly == null, "a conflicting plugin must not be loaded");
        }
    }

    [Fact]
    public async Task Bootstrap_BuiltAgainstNewerAbstractionsMinor_IncompatibleBeforeLoad()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("newer-abi");

        PluginRuntime runtime = harness.Bootstrap().Find("newer-abi")!;

        runtime.State.ShouldBe(PluginState.Incompatible);
        runtime.Reason!.ShouldContain("Letta.Abstractions 1.99");
        runtime.Reason!.ShouldContain("provides 1.0");
        runtime.Assembly.ShouldBeNull();
    }

    [Fact]
    public async Task Bootstrap_AbstractionsMajorMismatchInManifest_Incompatible()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good", editManifest: m => m["abi"] = "2.0");

        PluginRuntime runtime = harness.Bootstrap().Find("good")!;

        runtime.State.ShouldBe(PluginState.Incompatible);
        runtime.Reason!.ShouldContain("abi 2.0");
    }

    [Fact]
    public async Task Bootstrap_ReferencesMicrosoftExtensions11_IncompatibleNamingAssemblyAndVersions()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("newer-extensions");

        PluginRuntime runtime = harness.Bootstrap().Find("newer-extensions")!;

        runtime.State.ShouldBe(PluginState.Incompatible);
        runtime.Reason!.ShouldContain("Microsoft.Extensions.Logging.Abstractions 11.0.0.0");
        runtime.Reason!.ShouldContain("host provides 10.0.0.0");
    }

    [Fact]
    public async Task Start_PluginShipsOwnAbstractionsCopy_ActiveWithWarning()
    {
        await using var harness = new BootstrapHarness();
        string folder = harness.Plugins.AddTestPlugin("good");
        File.Copy(typeof(ILettaPlugin).Assembly.Location, Path.Combine(folder, "Letta.Abstractions.dll"));

        PluginRuntime runtime = (await harness.StartAsync()).Find("good")!;

        runtime.State.ShouldBe(PluginState.Active, runtime.Reason);
        runtime.Warnings.ShouldContain(w => w.Contains("ships its own Letta.Abstractions.dll"));
    }

    [Fact]
    public async Task Start_PluginWithOlderFluentValidationMajor_ActiveWithItsOwnCopy()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("old-validation");

        PluginRuntime runtime = (await harness.StartAsync("""{ "plugins": { "old-validation": { "settings": { "name": "x" } } } }""")).Find("old-validation")!;

        runtime.State.ShouldBe(PluginState.Active, runtime.Reason);
        PluginScanner.FindValidatorInterface(runtime)!.Assembly.GetName().Version!.Major.ShouldBe(11);
    }

    [Fact]
    public async Task Bootstrap_DepsJsonDeleted_IncompatibleBeforeRuntimeFailure()
    {
        await using var harness = new BootstrapHarness();
        string folder = harness.Plugins.AddTestPlugin("native-sqlite");
        File.Delete(Path.Combine(folder, "Letta.TestPlugins.NativeSqlite.deps.json"));

        PluginRuntime runtime = harness.Bootstrap().Find("native-sqlite")!;

        runtime.State.ShouldBe(PluginState.Incompatible);
        runtime.Reason!.ShouldContain(".deps.json' is missing");
    }

    [Fact]
    public async Task Bootstrap_Disabled_NeverLoaded()
    {
        await using var harness = new BootstrapHarness();
        string folder = harness.Plugins.AddTestPlugin("dependent", editManifest: m => m["dependencies"] = new JsonArray());

        PluginRuntime runtime = harness.Bootstrap("""{ "plugins": { "dependent": { "enabled": false } } }""").Find("dependent")!;

        runtime.State.ShouldBe(PluginState.Disabled);
        runtime.Assembly.ShouldBeNull();
        System.Runtime.Loader.AssemblyLoadContext.All.SelectMany(c => c.Assemblies)
            .ShouldNotContain(a => !a.IsDynamic && a.Location.StartsWith(folder, StringComparison.Ordinal));
    }
}

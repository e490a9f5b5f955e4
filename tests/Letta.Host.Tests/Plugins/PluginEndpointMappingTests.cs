using Letta.Host.Http;
using Letta.Host.Plugins;
using Letta.Host.Tests.Support;
using Letta.Plugins;
using Microsoft.AspNetCore.Builder;

namespace Letta.Host.Tests.Plugins;

public sealed class PluginEndpointMappingTests
{
    [Fact]
    public async Task MapLettaPluginEndpoints_PluginThrowsInMapEndpoints_OnlyThatPluginFaulted()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("faulty");
        harness.Plugins.AddTestPlugin("good");
        PluginCatalog catalog = harness.Bootstrap("""{ "plugins": { "faulty": { "settings": { "throwIn": "map" } } } }""");
        await using WebApplication app = WebApplication.CreateBuilder().Build();

        app.MapLettaPluginEndpoints(catalog);

        PluginRuntime faulty = catalog.Find("faulty")!;
        faulty.State.ShouldBe(PluginState.Faulted);
        faulty.Reason!.ShouldContain("MapEndpoints");
        faulty.Reason!.ShouldContain("map exploded");
        catalog.Find("good")!.IsViable.ShouldBeTrue();
    }
}

using System.Collections.Concurrent;
using Letta.Host.Messaging;
using Letta.Host.Plugins;
using Letta.Host.Tests.Support;
using Letta.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Letta.Host.Tests.Plugins;

public sealed class PluginHealthMonitorTests
{
    [Fact]
    public async Task Monitor_FirstCheck_PublishesEachPluginsStatus()
    {
        await using var harness = new BootstrapHarness();
        harness.Plugins.AddTestPlugin("good");
        harness.Plugins.AddTestPlugin("ctor-throws");
        PluginCatalog catalog = await harness.StartAsync();
        var seen = new ConcurrentDictionary<string, PluginHealthChanged>();
        var both = new TaskCompletionSource();
        await using PluginMessageHub observer = harness.Hub.ForPlugin("observer");
        using IDisposable subscription = observer.Subscribe<PluginHealthChanged>((change, _) =>
        {
            seen[change.PluginId] = change;
            if (seen.Count == 2)
            {
                both.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });
        var monitor = new PluginHealthMonitor(catalog, new PluginHealthEvaluator(harness.Hub, TimeProvider.System), harness.Hub, TimeProvider.System, NullLogger<PluginHealthMonitor>.Instance);

        await monitor.StartAsync(CancellationToken.None);
        await both.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await monitor.StopAsync(CancellationToken.None);

        seen["good"].Status.ShouldBe("Healthy");
        seen["ctor-throws"].Status.ShouldBe(nameof(PluginState.Faulted));
        seen["ctor-throws"].Description!.ShouldContain("constructor exploded");
    }
}

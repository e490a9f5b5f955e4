using Letta.Host.Hosting;
using Letta.Host.Messaging;
using Letta.Plugins;
using Microsoft.Extensions.Options;

namespace Letta.Host.Plugins;

/// <summary>
/// Starts plugins in dependency order when the host starts and stops them in reverse. A plugin that throws or
/// times out while starting is Faulted; its hub subscriptions are disposed and the others carry on.
/// </summary>
internal sealed class PluginLifecycleService(
    PluginCatalog catalog,
    IOptions<LettaHostOptions> options,
    ILogger<PluginLifecycleService> logger) : IHostedService
{
    private readonly List<PluginRuntime> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (PluginRuntime runtime in catalog.StartOrder)
        {
            using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["PluginId"] = runtime.Id });
            if (!runtime.IsViable)
            {
                continue;
            }

            if (runtime.Manifest!.Dependencies.Any(d => catalog.Find(d.Id)?.IsActive != true))
            {
                runtime.SetState(PluginState.MissingDependency, "A plugin it depends on did not start; see that plugin's state.");
                continue;
            }

            _started.Add(runtime);
            if (await StartOneAsync(runtime, cancellationToken).ConfigureAwait(false))
            {
                runtime.SetState(PluginState.Active);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Plugin {PluginId} {Version} is Active", runtime.Id, runtime.Manifest.Version);
                }
            }
            else
            {
                logger.LogError("Plugin {PluginId} is Faulted: {Reason}", runtime.Id, runtime.Reason);
                await DisposeHubAsync(runtime).ConfigureAwait(false);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (int i = _started.Count - 1; i >= 0; i--)
        {
            PluginRuntime runtime = _started[i];
            IServiceProvider services = runtime.Services!;
            bool wasActive = runtime.IsActive;
            if (wasActive)
            {
                foreach (IHostedService hosted in services.GetServices<IHostedService>().Reverse())
                {
                    await PluginGuard.TryAsync(runtime, "Stopping a hosted service", () => hosted.StopAsync(cancellationToken)).ConfigureAwait(false);
                }

                await PluginGuard.TryAsync(runtime, "StopAsync", () => runtime.Plugin!.StopAsync(services, cancellationToken)).ConfigureAwait(false);
            }

            await DisposeHubAsync(runtime).ConfigureAwait(false);
            if (runtime.State == PluginState.Active)
            {
                runtime.SetState(PluginState.Stopped, "The host stopped.");
            }
        }

        _started.Clear();
    }

    private async Task<bool> StartOneAsync(PluginRuntime runtime, CancellationToken cancellationToken)
    {
        TimeSpan timeout = options.Value.PluginStartTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        IServiceProvider services = runtime.Services!;
        PluginServiceTypes registrations = services.GetRequiredService<PluginServiceTypes>();
        if (!PluginGuard.Try(runtime, "Subscribing its hub handlers", () => PluginHandlerBinder.Bind(runtime.Hub!, services, registrations.HandlerServiceTypes, registrations.OptionsFor)))
        {
            return false;
        }

        return await PluginGuard.TryAsync(runtime, "StartAsync", async () =>
        {
            Task start = runtime.Plugin!.StartAsync(services, timeoutSource.Token);
            await start.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            foreach (IHostedService hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(timeoutSource.Token).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private static async Task DisposeHubAsync(PluginRuntime runtime)
    {
        if (runtime.Hub is not null)
        {
            await runtime.Hub.DisposeAsync().ConfigureAwait(false);
        }
    }
}

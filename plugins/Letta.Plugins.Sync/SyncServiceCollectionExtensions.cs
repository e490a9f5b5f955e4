using Letta.Plugins.Sync.Diagnostics;
using Letta.Plugins.Sync.Health;
using Letta.Plugins.Sync.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Letta.Plugins.Sync;

/// <summary>Registers the sync plugin's services.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sync service, schedule, local and cloud watchers, meter and health check. Expects <c>IOptionsMonitor&lt;SyncOptions&gt;</c>,
    /// <c>IPluginContext</c>, <c>IMessageHub</c>, <c>TimeProvider</c> and logging (the host provides them).
    /// </summary>
    public static IServiceCollection AddLettaSync(this IServiceCollection services)
    {
        services.AddMetrics(); // idempotent: the host may have added it already
        services.AddSingleton<SyncMetrics>();
        services.AddSingleton<SyncService>();
        services.AddSingleton<IHostedService, SyncScheduler>();
        services.AddSingleton<IHostedService, SyncWatcher>();
        services.AddSingleton<IHostedService, CloudWatcher>();
        services.AddHealthChecks().AddCheck<SyncHealthCheck>("sync");
        return services;
    }
}

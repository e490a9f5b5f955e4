using Letta.Plugins.Memory.Health;
using Letta.Plugins.Memory.Hosting;
using Letta.Plugins.Memory.Options;
using Letta.Plugins.Memory.Service;
using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Memory;

/// <summary>Registers the memory store in a plugin container (the host's, a test's or a benchmark's).</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the store (its provider chosen by the settings), the service and the importer, the schema migration run
    /// at start, the post-import optimiser and the health check. The settings themselves are bound and validated by
    /// the host (<see cref="MemoryPlugin.SettingsType"/>); the hub handler is found by the host's scan.
    /// </summary>
    /// <param name="services">The plugin's services.</param>
    /// <param name="context">The plugin context (its data directory holds the SQLite file).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLettaMemory(this IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMemoryStore>(sp =>
            MemoryStoreFactory.Create(sp.GetRequiredService<IOptions<MemoryOptions>>().Value, context.DataDirectory));
        services.TryAddSingleton<MemoryInputValidator>();
        services.TryAddSingleton<MemoryEvents>();
        services.TryAddSingleton<ImportOptimizer>();
        services.TryAddScoped<MemoryService>();
        services.TryAddScoped<MemoryImporter>();
        services.AddHostedService<MemoryStoreMigrator>();
        services.AddHealthChecks().AddCheck<MemoryStoreHealthCheck>("memory-store");
        return services;
    }
}

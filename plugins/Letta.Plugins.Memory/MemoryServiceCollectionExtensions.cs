using Letta.Plugins.Memory.Health;
using Letta.Plugins.Memory.Service;
using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Memory;

/// <summary>Registers the memory store in a plugin container (the host's, a test's or a benchmark's).</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>Adds the store, its provider chosen by the settings, the service, hub handler and health check.</summary>
    /// <param name="services">The plugin's services.</param>
    /// <param name="context">The plugin context (data directory and settings).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLettaMemory(this IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddOptions<MemoryOptions>().Bind(context.Settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMemoryStore>(sp =>
            MemoryStoreFactory.Create(sp.GetRequiredService<IOptions<MemoryOptions>>().Value, context.DataDirectory));
        services.TryAddSingleton<MemoryInputValidator>();
        services.TryAddSingleton<ImportOptimizer>();
        services.TryAddScoped<MemoryService>();
        services.AddHealthChecks().AddCheck<MemoryStoreHealthCheck>("memory-store");
        return services;
    }
}

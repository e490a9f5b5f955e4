using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Health;
using Letta.Plugins.Tasks.Hosting;
using Letta.Plugins.Tasks.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Tasks;

/// <summary>Registers the task board in a plugin container (the host's, or a test's without the host).</summary>
public static class TasksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the board of the configured folder, its background worker (folder watch, periodic sync, auto-archive) and
    /// the health check. The settings themselves are bound and validated by the host (<see cref="TasksPlugin.SettingsType"/>).
    /// </summary>
    /// <param name="services">The plugin's services.</param>
    /// <param name="context">The plugin context (home and data directories resolve the folder and device id).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLettaTasks(this IServiceCollection services, IPluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => BoardSettings.From(sp.GetRequiredService<IOptions<TasksOptions>>().Value, context.HomeDirectory, context.DataDirectory));
        services.AddSingleton<TaskBoard>();
        services.AddHostedService<TaskBoardWorker>();
        services.AddHealthChecks().AddCheck<TaskBoardHealthCheck>("tasks-board");
        return services;
    }
}

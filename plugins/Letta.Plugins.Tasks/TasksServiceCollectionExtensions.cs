using Letta.Messaging;
using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Health;
using Letta.Plugins.Tasks.Hosting;
using Letta.Plugins.Tasks.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Tasks;

/// <summary>Registers the task board; used by <see cref="TasksPlugin"/> and by tests without the host.</summary>
public static class TasksServiceCollectionExtensions
{
    public static IServiceCollection AddLettaTasks(this IServiceCollection services, Letta.Plugins.IPluginContext context)
    {
        services.AddOptions<TasksOptions>().Bind(context.Settings);
        services.AddSingleton(sp => BoardSettings.From(sp.GetRequiredService<IOptions<TasksOptions>>().Value, context.HomeDirectory, context.DataDirectory));
        services.AddSingleton(sp => new TaskBoard(
            sp.GetRequiredService<BoardSettings>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<TaskBoard>>() ?? NullLogger<TaskBoard>.Instance,
            sp.GetService<IMessageHub>()));
        services.AddSingleton(sp => new TaskBoardWorker(
            sp.GetRequiredService<TaskBoard>(),
            sp.GetRequiredService<IOptions<TasksOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<TaskBoardWorker>>() ?? NullLogger<TaskBoardWorker>.Instance));
        services.AddHealthChecks().AddCheck<TaskBoardHealthCheck>("tasks-board");
        return services;
    }
}

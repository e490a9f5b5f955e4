using Letta.Cli;
using Letta.Plugins.Tasks.Api;
using Letta.Plugins.Tasks.Hosting;
using Letta.Plugins.Tasks.Options;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Tasks;

/// <summary>Plugin <c>tasks</c>: the Kanban task board.</summary>
public sealed class TasksPlugin : ILettaPlugin
{
    public Type? SettingsType => typeof(TasksOptions);

    public IReadOnlyList<CliCommand> Commands => TasksCli.Commands;

    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddLettaTasks(context);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => TasksEndpoints.Map(endpoints);

    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
        => services.GetRequiredService<TaskBoardWorker>().StartAsync(cancellationToken);

    public Task StopAsync(IServiceProvider services, CancellationToken cancellationToken)
        => services.GetRequiredService<TaskBoardWorker>().StopAsync();
}

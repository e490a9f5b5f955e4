using Letta.Cli;
using Letta.Plugins.Tasks.Api;
using Letta.Plugins.Tasks.Cli;
using Letta.Plugins.Tasks.Options;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Tasks;

/// <summary>The task board plugin (<c>tasks</c>): a Kanban board in JSON files in a cloud-drive folder shared by devices.</summary>
public sealed class TasksPlugin : ILettaPlugin
{
    /// <inheritdoc />
    public Type? SettingsType => typeof(TasksOptions);

    /// <inheritdoc />
    public IReadOnlyList<CliCommand> Commands => TasksCommands.All;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddLettaTasks(context);

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTasks();
}

using Letta.Cli;
using Letta.Plugins.Memory.Api;
using Letta.Plugins.Memory.Cli;
using Letta.Plugins.Memory.Options;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Memory;

/// <summary>The memory store plugin (<c>memory</c>): memories with tags, metadata, history and full-text search.</summary>
public sealed class MemoryPlugin : ILettaPlugin
{
    /// <inheritdoc />
    public Type? SettingsType => typeof(MemoryOptions);

    /// <inheritdoc />
    public IReadOnlyList<CliCommand> Commands => MemoryCommands.All;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IPluginContext context) => services.AddLettaMemory(context);

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMemory();
}

using Letta.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.Faulty;

/// <summary>
/// Throws <c>InvalidOperationException("{step} exploded")</c> in the step named by settings <c>throwIn</c>
/// (configure, map, start, health); with "none" or no setting it is Active and GET ok answers.
/// </summary>
public sealed class FaultyPlugin : ILettaPlugin
{
    private FaultyStep _step = new("none");

    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
        _step = new FaultyStep(context.Settings["throwIn"] ?? "none");
        _step.ThrowIf("configure");
        services.AddSingleton(_step);
        services.AddHealthChecks().AddCheck<FaultyHealthCheck>("faulty");
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        _step.ThrowIf("map");
        endpoints.MapGet("ok", () => Results.Text("faulty ok"));
    }

    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _step.ThrowIf("start");
        return Task.CompletedTask;
    }
}

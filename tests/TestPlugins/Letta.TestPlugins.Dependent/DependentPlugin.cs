using Letta.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.TestPlugins.Dependent;

/// <summary>A trivial plugin whose manifest depends on <c>good</c>; GET ok proves it started.</summary>
public sealed class DependentPlugin : ILettaPlugin
{
    public void ConfigureServices(IServiceCollection services, IPluginContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet("ok", () => Results.Text("dependent ok"));
}

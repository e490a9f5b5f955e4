using Letta.Host.Plugins;

namespace Letta.Host.Http;

/// <summary>Maps each composed plugin's endpoints under <c>/api/{pluginId}/</c>; a throw marks only that plugin Faulted.</summary>
internal static class PluginEndpointMapper
{
    /// <summary>Maps the endpoints of every plugin in the app's <see cref="PluginCatalog"/>.</summary>
    public static WebApplication MapLettaPluginEndpoints(this WebApplication app)
    {
        app.MapLettaPluginEndpoints(app.Services.GetRequiredService<PluginCatalog>());
        return app;
    }

    public static IEndpointRouteBuilder MapLettaPluginEndpoints(this IEndpointRouteBuilder app, PluginCatalog catalog)
    {
        foreach (PluginRuntime runtime in catalog.StartOrder.Where(r => r.IsViable && r.Services is not null))
        {
            RouteGroupBuilder group = app.MapGroup($"/api/{runtime.Id}")
                .WithMetadata(new PluginEndpointMarker(runtime.Id))
                .WithTags(runtime.Id);
            var routes = new PluginRouteBuilder(group, runtime.Services!);
            PluginGuard.Try(runtime, "MapEndpoints", () => runtime.Plugin!.MapEndpoints(routes));
        }

        return app;
    }
}

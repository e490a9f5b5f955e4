using Letta.Host.Messaging;
using Letta.Host.Plugins;
using Microsoft.AspNetCore.Mvc;

namespace Letta.Host.Http;

/// <summary><c>GET /api/plugins</c> and <c>GET /api/plugins/{id}</c>: every plugin folder with its state, reason, health and hub use.</summary>
internal static class PluginsApi
{
    public static IEndpointRouteBuilder MapLettaPlugins(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder group = endpoints.MapGroup("/api/plugins").WithTags("plugins");
        // health=false skips running every plugin's health checks: the CLI asks only for the verb declarations.
        group.MapGet("/", async (PluginCatalog catalog, PluginHealthEvaluator evaluator, MessageHub hub, CancellationToken ct, [FromQuery(Name = "health")] bool includeHealth = true) =>
        {
            var items = new List<PluginInfo>();
            foreach (PluginRuntime runtime in catalog.All)
            {
                items.Add(await DescribeAsync(runtime, includeHealth ? evaluator : null, hub, ct).ConfigureAwait(false));
            }

            return Results.Ok(new PluginList(catalog.PluginsDirectory, items));
        }).WithName("ListPlugins").WithSummary("Every plugin folder with its state, reason, health and hub diagnostics");

        group.MapGet("/{id}", async (string id, PluginCatalog catalog, PluginHealthEvaluator health, MessageHub hub, CancellationToken ct) =>
            catalog.All.FirstOrDefault(r => r.Id == id) is { } runtime
                ? Results.Ok(await DescribeAsync(runtime, health, hub, ct).ConfigureAwait(false))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such plugin", detail: $"No plugin folder declares id '{id}'."))
            .WithName("GetPlugin").WithSummary("One plugin's state, reason, health and hub diagnostics");
        return endpoints;
    }

    private static async Task<PluginInfo> DescribeAsync(PluginRuntime runtime, PluginHealthEvaluator? health, MessageHub hub, CancellationToken ct)
    {
        PluginManifest? manifest = runtime.Manifest;
        return new PluginInfo(
            runtime.Id,
            manifest?.Name,
            manifest?.Version.ToString(),
            runtime.State.ToString(),
            runtime.Reason,
            runtime.Warnings,
            Path.GetFileName(runtime.Folder),
            manifest?.Description,
            manifest?.Dependencies.Select(d => new DependencyInfo(d.Id, d.Range.Text)).ToList() ?? [],
            health is null ? null : await health.EvaluateAsync(runtime, ct).ConfigureAwait(false),
            runtime.Hub is null ? null : hub.GetDiagnostics(runtime.Id),
            runtime.Commands);
    }
}

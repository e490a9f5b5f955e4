using Letta.Host.Plugins;
using Letta.Plugins;

namespace Letta.Host.Http;

/// <summary>
/// <c>GET /health</c> (open, no key): 200 when Healthy or Degraded, 503 when Unhealthy. A rejected plugin makes the
/// host Degraded (it still serves); an Active plugin's failing checks count as they report.
/// </summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapLettaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (PluginCatalog catalog, PluginHealthEvaluator evaluator, CancellationToken ct) =>
        {
            var plugins = new Dictionary<string, PluginHealthReport>(StringComparer.Ordinal);
            string overall = "Healthy";
            foreach (PluginRuntime runtime in catalog.All.Where(r => r.State != PluginState.Disabled))
            {
                PluginHealthReport report = await evaluator.EvaluateAsync(runtime, ct).ConfigureAwait(false);
                plugins[Path.GetFileName(runtime.Folder)] = report;
                overall = Worst(overall, report.Status switch
                {
                    "Healthy" or "Degraded" or "Unhealthy" => report.Status,
                    _ => "Degraded",
                });
            }

            return Results.Json(new HealthResponse(overall, plugins), statusCode: overall == "Unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).WithName("Health").WithTags("health").WithSummary("Aggregated health of the host and every plugin");
        return endpoints;
    }

    private static string Worst(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string status) => status switch
    {
        "Unhealthy" => 2,
        "Degraded" => 1,
        _ => 0,
    };
}

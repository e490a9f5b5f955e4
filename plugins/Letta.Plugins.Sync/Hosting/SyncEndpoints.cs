using System.Text;
using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Letta.Plugins.Sync.Hosting;

/// <summary>REST under <c>/api/sync/</c>: status, run, plan, devices, revoke, conflicts.</summary>
internal static class SyncEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("status", (SyncService sync) => Results.Ok(Status(sync)));

        endpoints.MapPost("run", async (HttpRequest request, SyncService sync, CancellationToken ct) =>
        {
            (RunRequestBody? body, string? field, string? error) = await RunRequestBody.ReadAsync(request.Body, ct).ConfigureAwait(false);
            if (body is null)
            {
                return Invalid(field!, error!);
            }

            if (body.Category is not null && !sync.Categories.Contains(body.Category))
            {
                return UnknownCategory(sync, body.Category);
            }

            if (body.CheckDirection(sync.EngineOptions.Categories) is (string badField, string badMessage))
            {
                return Invalid(badField, badMessage);
            }

            IReadOnlyList<SyncRunResult> results = await sync.RunAsync(body.Category, Request(body, null), ct).ConfigureAwait(false);
            return Results.Ok(results.Select(SyncRunSummary.From).ToList());
        });

        // The CLI's `letta sync run`: progress lines streamed as text/plain while the run lasts.
        endpoints.MapPost("run/progress", async (HttpContext http, SyncService sync) =>
        {
            CancellationToken ct = http.RequestAborted;
            (RunRequestBody? body, string? field, string? error) = await RunRequestBody.ReadAsync(http.Request.Body, ct).ConfigureAwait(false);
            if (body is null)
            {
                await Invalid(field!, error!).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            if (body.Category is not null && !sync.Categories.Contains(body.Category))
            {
                await UnknownCategory(sync, body.Category).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            if (body.CheckDirection(sync.EngineOptions.Categories) is (string badField, string badMessage))
            {
                await Invalid(badField, badMessage).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            http.Response.ContentType = "text/plain; charset=utf-8";
            var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
            Task<IReadOnlyList<SyncRunResult>> run = sync.RunAsync(body.Category, Request(body, line => lines.Writer.TryWrite(line)), ct);
            _ = run.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
            await foreach (string line in lines.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                await http.Response.WriteAsync(line + "\n", ct).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            }

            foreach (SyncRunResult r in await run.ConfigureAwait(false))
            {
                if (r.DryRun)
                {
                    await http.Response.WriteAsync(PlanText(r), ct).ConfigureAwait(false);
                }
            }
        });

        endpoints.MapGet("plan", async (string? category, string? format, SyncService sync, CancellationToken ct) =>
        {
            if (category is not null && !sync.Categories.Contains(category))
            {
                return UnknownCategory(sync, category);
            }

            if (format is not null and not "text" and not "json")
            {
                return Invalid("format", "'format' must be 'text' or 'json'.");
            }

            IReadOnlyList<SyncRunResult> results = await sync.RunAsync(category, dryRun: true, force: false, null, ct).ConfigureAwait(false);
            return format == "json"
                ? Results.Ok(results.Select(SyncRunSummary.From).ToList())
                : Results.Text(string.Concat(results.Select(PlanText)), "text/plain; charset=utf-8");
        });

        endpoints.MapGet("devices", (SyncService sync) =>
        {
            SyncEngine engine = sync.CreateEngine();
            IReadOnlyList<DeviceRecord> records = SyncEngineDevices.List(engine);
            HashSet<string> revoked = DeviceRegistry.RevokedSet(records);
            return Results.Ok(records.OrderBy(r => r.Created).Select(r => new
            {
                r.Id,
                r.Name,
                r.Os,
                r.Created,
                r.LastSeen,
                r.AppVersion,
                ThisDevice = r.Id == engine.Device.Id,
                Revoked = revoked.Contains(r.Id),
            }).ToList());
        });

        endpoints.MapPost("devices/{id}/revoke", (string id, SyncService sync) =>
        {
            SyncEngine engine = sync.CreateEngine();
            return SyncEngineDevices.Revoke(engine, id) switch
            {
                RevokeOutcome.Revoked => Results.Ok(new { revoked = id }),
                RevokeOutcome.Self => Invalid("id", "A device cannot revoke itself; revoke it from another device."),
                RevokeOutcome.RevokerRevoked => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This device is revoked",
                    detail: "This device was revoked by another device, so it cannot revoke anyone. Remove its sync state to join again as a new device."),
                _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown device", detail: $"No device '{id}' is registered in the cloud folder."),
            };
        });

        endpoints.MapGet("conflicts", (string? category, SyncService sync) =>
        {
            if (category is not null && !sync.Categories.Contains(category))
            {
                return UnknownCategory(sync, category);
            }

            return Results.Ok(ConflictLister.List(sync.EngineOptions, category));
        });
    }

    private static object Status(SyncService sync)
    {
        SyncEngineOptions options = sync.EngineOptions;
        return new
        {
            cloudFolder = options.CloudFolder,
            cloudReachable = Directory.Exists(options.CloudFolder),
            running = sync.IsRunning,
            categories = options.Categories.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new
            {
                name = c.Name,
                path = c.LocalPath,
                pathExists = Directory.Exists(c.LocalPath),
                kind = c.Kind.ToString(),
                direction = c.Direction.ToString(),
                lastRun = sync.Status.Get(c.Name),
            }).ToList(),
        };
    }

    private static string PlanText(SyncRunResult r)
    {
        var sb = new StringBuilder();
        sb.Append("== ").Append(r.Category).Append(": ");
        sb.AppendLine(r.Failure ?? (r.Plan.Count(p => p.Action != PlanAction.UpdateVersion) == 0 ? "nothing to do" : $"{r.PlanLines.Count()} operations"));
        foreach (string line in r.PlanLines)
        {
            sb.Append("  ").AppendLine(line);
        }

        foreach (ScanIssue issue in r.Issues)
        {
            sb.Append("  ! ").Append(issue.Kind).Append(' ').Append(issue.Path).Append(": ").AppendLine(issue.Message);
        }

        return sb.ToString();
    }

    private static SyncRunRequest Request(RunRequestBody body, Action<string>? progress) =>
        new(body.DryRun, body.Force) { Progress = progress, Revert = body.Revert, Override = body.Override };

    private static IResult UnknownCategory(SyncService sync, string category) =>
        Invalid("category", $"Unknown category '{category}'. Known: {string.Join(", ", sync.Categories)}.");

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

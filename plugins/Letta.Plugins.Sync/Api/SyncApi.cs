using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Letta.Plugins.Sync.Api;

/// <summary>
/// The sync plugin's HTTP API under <c>/api/sync/</c> (the host's group, behind the API key). Each route is a named
/// method; bad input is a problem naming the field (<see cref="SyncProblems"/>).
/// </summary>
internal static class SyncApi
{
    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("status", Status);
        endpoints.MapPost("run", RunAsync);
        endpoints.MapPost("run/progress", RunWithProgressAsync);
        endpoints.MapGet("plan", PlanAsync);
        endpoints.MapGet("devices", Devices);
        endpoints.MapPost("devices/{id}/revoke", Revoke);
        endpoints.MapGet("conflicts", Conflicts);
        return endpoints;
    }

    /// <summary>Per category: the folder, its kind and direction, the last run; and the cloud folder.</summary>
    public static IResult Status(SyncService sync) => Results.Ok(SyncStatusView.From(sync));

    /// <summary>Runs one category or all and answers with each run's summary (the full plan with <c>"fullPlan": true</c>).</summary>
    public static async Task<IResult> RunAsync(HttpRequest request, SyncService sync, CancellationToken cancellationToken)
    {
        (RunRequestBody? body, IResult? problem) = await ReadRunAsync(request, sync, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        IReadOnlyList<SyncRunResult> results = await sync.RunAsync(body.Category, body.ToRequest(null), cancellationToken);
        return Results.Ok(results.Select(r => SyncRunSummary.From(r, body.FullPlan)).ToList());
    }

    /// <summary>
    /// The CLI's <c>letta sync run</c>: progress lines streamed as text while the run lasts, then (dry-run) the plan,
    /// and a last <c>letta-exit</c> line (the CLI's exit code: 1 when a run failed or a gate stopped it).
    /// </summary>
    public static async Task RunWithProgressAsync(HttpContext http, SyncService sync)
    {
        CancellationToken ct = http.RequestAborted;
        (RunRequestBody? body, IResult? problem) = await ReadRunAsync(http.Request, sync, ct);
        if (body is null)
        {
            await problem!.ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers[ExitLineHeader] = "1";
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        Task<IReadOnlyList<SyncRunResult>> run = sync.RunAsync(body.Category, body.ToRequest(line => lines.Writer.TryWrite(line)), ct);
        _ = run.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        await foreach (string line in lines.Reader.ReadAllAsync(ct))
        {
            await http.Response.WriteAsync(line + "\n", ct);
            await http.Response.Body.FlushAsync(ct);
        }

        IReadOnlyList<SyncRunResult> results = await run;
        foreach (SyncRunResult r in results.Where(r => r.DryRun))
        {
            await http.Response.WriteAsync(PlanText.Render(r), ct);
        }

        await http.Response.WriteAsync($"letta-exit: {(results.All(r => r.Succeeded) ? 0 : 1)}\n", ct);
    }

    /// <summary>The exact plan of the next run, changing nothing: text (default) or JSON (<c>full=true</c>: every line).</summary>
    public static async Task<IResult> PlanAsync(string? category, string? format, bool? full, SyncService sync, CancellationToken cancellationToken)
    {
        if (SyncProblems.CheckCategory(sync, category) is IResult bad)
        {
            return bad;
        }

        if (format is not null and not "text" and not "json")
        {
            return SyncProblems.Invalid("format", "'format' must be 'text' or 'json'.");
        }

        IReadOnlyList<SyncRunResult> results = await sync.RunAsync(category, new SyncRunRequest(DryRun: true), cancellationToken);
        return format == "json"
            ? Results.Ok(results.Select(r => SyncRunSummary.From(r, full == true)).ToList())
            : Results.Text(string.Concat(results.Select(PlanText.Render)), "text/plain; charset=utf-8");
    }

    /// <summary>The devices registered in the cloud folder, this one marked, revoked ones marked.</summary>
    public static IResult Devices(SyncService sync)
    {
        SyncEngine engine = sync.CreateEngine();
        IReadOnlyList<DeviceRecord> records = SyncEngineDevices.List(engine);
        HashSet<string> revoked = DeviceRegistry.RevokedSet(records);
        return Results.Ok(records.OrderBy(r => r.Created).Select(r => new SyncDeviceInfo(
            r.Id, r.Name, r.Os, r.Created, r.LastSeen, r.AppVersion, r.Id == engine.Device.Id, revoked.Contains(r.Id))).ToList());
    }

    /// <summary>Revokes a device: its data is ignored from now on.</summary>
    public static IResult Revoke(string id, SyncService sync) => SyncEngineDevices.Revoke(sync.CreateEngine(), id) switch
    {
        RevokeOutcome.Revoked => Results.Ok(new { revoked = id }),
        RevokeOutcome.Self => SyncProblems.Invalid("id", "A device cannot revoke itself; revoke it from another device."),
        RevokeOutcome.RevokerRevoked => SyncProblems.Conflict("This device is revoked",
            "This device was revoked by another device, so it cannot revoke anyone. Remove its sync state to join again as a new device."),
        _ => SyncProblems.NotFound("Unknown device", $"No device '{id}' is registered in the cloud folder."),
    };

    /// <summary>The conflict copies present in the local folders.</summary>
    public static IResult Conflicts(string? category, SyncService sync) =>
        SyncProblems.CheckCategory(sync, category) ?? Results.Ok(ConflictLister.List(sync.EngineOptions, category));

    /// <summary>The response header that makes the CLI read the last line as its exit code (see the host's ResponsePrinter).</summary>
    private const string ExitLineHeader = "Letta-Exit-Line";

    private static async Task<(RunRequestBody? Body, IResult? Problem)> ReadRunAsync(HttpRequest request, SyncService sync, CancellationToken cancellationToken)
    {
        (RunRequestBody? body, IResult? problem) = await RunRequestBody.ReadAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        if (SyncProblems.CheckCategory(sync, body.Category) is IResult bad)
        {
            return (null, bad);
        }

        return body.CheckDirection(sync.EngineOptions.Categories) is (string field, string message)
            ? (null, SyncProblems.Invalid(field, message))
            : (body, null);
    }
}

using System.Buffers;
using System.Text.Json;
using Letta.Plugins.Memory.Json;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Plugins.Memory.Api;

/// <summary>
/// The REST API under <c>/api/memory/</c>. Handlers take only <see cref="HttpContext"/> and resolve services from
/// its request services (the plugin's container), so they do not depend on how the host infers parameters.
/// Known failures become problem details in one place, <see cref="MemoryProblems"/>.
/// </summary>
internal static class MemoryApi
{
    public static IEndpointRouteBuilder MapMemory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("memories", Handle(CreateAsync));
        endpoints.MapGet("memories", Handle(ListAsync));
        endpoints.MapGet("memories/{id}", Handle(GetAsync));
        endpoints.MapPut("memories/{id}", Handle(ReplaceAsync));
        endpoints.MapPatch("memories/{id}", Handle(PatchAsync));
        endpoints.MapDelete("memories/{id}", Handle(DeleteAsync));
        endpoints.MapPost("memories/{id}/restore", Handle(RestoreAsync));
        endpoints.MapGet("memories/{id}/history", Handle(HistoryAsync));
        endpoints.MapGet("search", Handle(SearchAsync));
        endpoints.MapPost("import", Handle(ImportAsync));
        endpoints.MapGet("export", Handle(ExportAsync));
        return endpoints;
    }

    /// <summary>A plain request delegate: no parameter inference, the result executed directly.</summary>
    private static RequestDelegate Handle(Func<HttpContext, MemoryService, CancellationToken, Task<IResult>> handler) =>
        async http => await (await Run(http, handler)).ExecuteAsync(http);

    private static async Task<IResult> Run(HttpContext http, Func<HttpContext, MemoryService, CancellationToken, Task<IResult>> handler)
    {
        try
        {
            var service = http.RequestServices.GetRequiredService<MemoryService>();
            return await handler(http, service, http.RequestAborted);
        }
        catch (Exception ex)
        {
            if (MemoryProblems.ToResult(ex, http) is not { } problem)
            {
                throw;
            }

            return problem;
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var input = await ReadBodyAsync(http, ct);
        var memory = await service.CreateAsync(input, ct);
        http.Response.Headers.Location = $"memories/{memory.Id}";
        return new JsonResult(w => MemoryJsonWriter.WriteMemory(w, memory), StatusCodes.Status201Created, memory.Version);
    }

    private static async Task<IResult> GetAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var memory = await service.GetAsync(Id(http), ct);
        return new JsonResult(w => MemoryJsonWriter.WriteMemory(w, memory), etagVersion: memory.Version);
    }

    private static async Task<IResult> ReplaceAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var expected = ETags.ReadIfMatch(http.Request);
        var input = await ReadBodyAsync(http, ct);
        var memory = await service.ReplaceAsync(Id(http), input, expected, ct);
        return new JsonResult(w => MemoryJsonWriter.WriteMemory(w, memory), etagVersion: memory.Version);
    }

    private static async Task<IResult> PatchAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var expected = ETags.ReadIfMatch(http.Request);
        var input = await ReadBodyAsync(http, ct);
        var memory = await service.PatchAsync(Id(http), input, expected, ct);
        return new JsonResult(w => MemoryJsonWriter.WriteMemory(w, memory), etagVersion: memory.Version);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var expected = ETags.ReadIfMatch(http.Request) ?? QueryReader.Long(http.Request.Query, "version");
        var tombstone = await service.DeleteAsync(Id(http), expected, ct);
        return new JsonResult(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", tombstone.Id);
            w.WriteBoolean("deleted", true);
            w.WriteNumber("version", tombstone.Version);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> RestoreAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var expected = ETags.ReadIfMatch(http.Request);
        var version = QueryReader.Long(http.Request.Query, "version");
        if (version is null)
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(ct);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var doc = MemoryJsonReader.Parse(text, "body");
                version = MemoryJsonReader.Read(doc.RootElement, importFields: false).Version;
            }
        }

        var memory = await service.RestoreAsync(Id(http), version, expected, ct);
        return new JsonResult(w => MemoryJsonWriter.WriteMemory(w, memory), etagVersion: memory.Version);
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var id = Id(http);
        var history = await service.HistoryAsync(id, ct);
        return new JsonResult(w => MemoryJsonWriter.WriteHistory(w, id, history));
    }

    private static async Task<IResult> ListAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var query = http.Request.Query;
        var (items, next) = await service.ListAsync(
            QueryReader.Filter(query), QueryReader.String(query, "cursor"), QueryReader.Int(query, "limit"), ct);
        return new JsonResult(w => MemoryJsonWriter.WritePage(w, items, next, (w2, m) => MemoryJsonWriter.WriteMemory(w2, m)));
    }

    private static async Task<IResult> SearchAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var query = http.Request.Query;
        var (items, next) = await service.SearchAsync(
            query["q"].ToString(), QueryReader.Filter(query), QueryReader.String(query, "cursor"), QueryReader.Int(query, "limit"), ct);
        return new JsonResult(w => MemoryJsonWriter.WritePage(w, items, next, MemoryJsonWriter.WriteHit));
    }

    private static async Task<IResult> ImportAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var importer = http.RequestServices.GetRequiredService<MemoryImporter>();
        // An import streams; it is bounded per line, not per request.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var outcome = await importer.ImportAsync(http.Request.Body, ct);
        return new JsonResult(outcome.WriteTo);
    }

    private static async Task<IResult> ExportAsync(HttpContext http, MemoryService service, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = "application/x-ndjson; charset=utf-8";
        var pipe = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe);
        var count = 0;
        await foreach (var memory in service.ExportAsync(ct))
        {
            MemoryJsonWriter.WriteMemory(writer, memory);
            await writer.FlushAsync(ct);
            writer.Reset();
            pipe.Write("\n"u8);
            if (++count % 256 == 0)
            {
                await pipe.FlushAsync(ct);
            }
        }

        await pipe.FlushAsync(ct);
        return Results.Empty;
    }

    private static string Id(HttpContext http) => http.Request.RouteValues["id"] as string ?? string.Empty;

    private static async Task<MemoryInput> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        using var doc = await MemoryJsonReader.ParseAsync(http.Request.Body, ct);
        return MemoryJsonReader.Read(doc.RootElement, importFields: false);
    }
}

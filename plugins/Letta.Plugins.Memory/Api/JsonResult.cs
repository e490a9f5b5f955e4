using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Memory.Api;

/// <summary>A JSON response written by a callback straight into a buffer, then to the body.</summary>
internal sealed class JsonResult(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK, long? etagVersion = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        if (etagVersion is { } v)
        {
            response.Headers.ETag = ETags.Format(v);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}

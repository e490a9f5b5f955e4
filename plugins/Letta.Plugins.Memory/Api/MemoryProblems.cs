using System.Data.Common;
using Letta.Plugins.Memory.Service;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Memory.Api;

/// <summary>
/// The one place the API turns a failure into problem details: the caller's mistakes (400, 404, 409) and a database
/// that cannot answer (503). Anything else is a bug and left to the host (500, logged).
/// </summary>
internal static partial class MemoryProblems
{
    public static IResult? ToResult(Exception exception, HttpContext http) => exception switch
    {
        MemoryValidationException ex => TypedResults.ValidationProblem(
            ex.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            detail: "See errors for the fields that need fixing.",
            title: "Invalid input"),
        MemoryNotFoundException ex => TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        MemoryConflictException ex => Conflict(ex, http),
        BadHttpRequestException ex => TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: "Bad request"),
        DbException ex when !http.RequestAborted.IsCancellationRequested => DatabaseUnavailable(ex, http),
        _ => null,
    };

    private static ProblemHttpResult Conflict(MemoryConflictException ex, HttpContext http)
    {
        http.Response.Headers.ETag = ETags.Format(ex.CurrentVersion);
        return TypedResults.Problem(
            ex.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "Version conflict",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.CurrentVersion });
    }

    private static ProblemHttpResult DatabaseUnavailable(DbException ex, HttpContext http)
    {
        // The database is down or refused the statement: say so without internals; the log has the details.
        ILogger logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MemoryApi).FullName!);
        LogDatabaseError(logger, ex, http.Request.Method, http.Request.Path.Value);
        return TypedResults.Problem(
            "The memory database could not complete the request; see the server log.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Database unavailable");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Memory store database error on {Method} {Path}")]
    private static partial void LogDatabaseError(ILogger logger, Exception exception, string method, string? path);
}

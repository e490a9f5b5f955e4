using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Tasks.Api;

/// <summary>The one place the API maps the board's exceptions to problem details: never a 500 or a stack trace for a known condition.</summary>
internal static class TaskProblems
{
    public static IResult? ToResult(Exception ex) => ex switch
    {
        TaskValidationException v => Results.ValidationProblem(v.Errors, title: "Invalid task input"),
        TaskNotFoundException n => Results.Problem(n.Message, statusCode: StatusCodes.Status404NotFound, title: "Task not found"),
        WipLimitExceededException w => Results.Problem(w.Message, statusCode: StatusCodes.Status409Conflict, title: "WIP limit reached",
            extensions: new Dictionary<string, object?> { ["status"] = w.Column.ToString(), ["limit"] = w.Limit, ["count"] = w.Count }),
        TaskConflictException c => Results.Problem(c.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        BoardReadOnlyException r => Results.Problem(r.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Task board is read-only",
            extensions: new Dictionary<string, object?> { ["file"] = r.Error.Path, ["line"] = r.Error.Line, ["bytePositionInLine"] = r.Error.BytePositionInLine }),
        BoardBusyException b => Results.Problem(b.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Task board busy or unreachable"),
        _ => null,
    };
}

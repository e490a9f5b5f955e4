using System.Globalization;
using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Letta.Plugins.Tasks.Api;

/// <summary>
/// The REST API under <c>/api/tasks/</c>. Known failures become problem details in one place,
/// <see cref="TaskProblems"/>, through <see cref="TaskErrorFilter"/> on the whole group.
/// </summary>
internal static class TasksApi
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder g = endpoints.MapGroup("").AddEndpointFilter<TaskErrorFilter>();
        g.MapGet("/", ListAsync);
        g.MapPost("/", CreateAsync);
        g.MapGet("/board", BoardAsync);
        g.MapGet("/board/text", BoardTextAsync);
        g.MapPost("/sync", SyncAsync);
        g.MapPost("/archive", ArchiveAsync);
        g.MapGet("/archive", ListArchiveAsync);
        g.MapPost("/archive/{id}/restore", RestoreAsync);
        g.MapGet("/{id}", GetAsync);
        g.MapPatch("/{id}", UpdateAsync);
        g.MapDelete("/{id}", DeleteAsync);
        g.MapPost("/{id}/move", MoveAsync);
        g.MapPost("/{id}/done", DoneAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        TaskFilter filter = TaskRequests.ToFilter(req.Query);
        await board.EnsureLoadedAsync(ct);
        return Results.Ok(board.List(filter).Select(TaskDto.From).ToList());
    }

    private static async Task<IResult> CreateAsync(HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        NewTask input = TaskRequests.ToNewTask(await TaskRequests.ReadBodyAsync(req, ct));
        TaskItem task = await board.CreateAsync(input, ct);
        return Results.Created($"{req.PathBase}{req.Path.Value?.TrimEnd('/')}/{task.Id}", View(board, task));
    }

    private static async Task<IResult> BoardAsync(TaskBoard board, CancellationToken ct)
    {
        await board.EnsureLoadedAsync(ct);
        return Results.Ok(BoardView(board));
    }

    private static async Task<IResult> BoardTextAsync(HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        int width = (int)(QueryNumber(req, "width") ?? 120);
        int rows = (int)Math.Clamp(QueryNumber(req, "rows") ?? 40, 1, 10_000);
        await board.EnsureLoadedAsync(ct);
        return Results.Text(BoardTextRenderer.Render(board, width, rows), "text/plain; charset=utf-8");
    }

    private static async Task<IResult> SyncAsync(TaskBoard board, CancellationToken ct)
    {
        bool changed = await board.SyncAsync(ct);
        return Results.Ok(new { changed, tasks = board.Current.Active.Count, archived = board.Current.Archived.Count, readOnlyReason = board.BoardError?.ToString() });
    }

    private static async Task<IResult> ArchiveAsync(HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        var body = await TaskRequests.ReadBodyAsync(req, ct);
        string? id = RequestParsing.String(body, "id");
        int? days = RequestParsing.Int(body, "olderThanDays");
        if (days is < 0)
        {
            throw new TaskValidationException("olderThanDays", "must be zero or more");
        }

        IReadOnlyList<TaskItem> archived = await board.ArchiveAsync(id, days is { } d ? TimeSpan.FromDays(d) : null, ct);
        return Results.Ok(new { archived = archived.Select(t => TaskDto.From(t, null, archived: true)).ToList() });
    }

    private static async Task<IResult> ListArchiveAsync(HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        TaskFilter filter = TaskRequests.ToFilter(req.Query);
        await board.EnsureLoadedAsync(ct);
        return Results.Ok(board.ListArchive(filter).Select(t => TaskDto.From(t, null, archived: true)).ToList());
    }

    private static async Task<IResult> RestoreAsync(string id, TaskBoard board, CancellationToken ct) =>
        Results.Ok(View(board, await board.RestoreAsync(id, ct)));

    private static async Task<IResult> GetAsync(string id, TaskBoard board, CancellationToken ct)
    {
        await board.EnsureLoadedAsync(ct);
        return board.Find(id) is { } found ? Results.Ok(TaskDto.From(found)) : throw new TaskNotFoundException(id);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        TaskPatch patch = TaskRequests.ToPatch(await TaskRequests.ReadBodyAsync(req, ct));
        return Results.Ok(View(board, await board.UpdateAsync(id, patch, ct)));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        Tombstone tomb = await board.DeleteAsync(id, QueryNumber(req, "version"), ct);
        return Results.Ok(new { id, deleted = true, version = tomb.Version });
    }

    private static async Task<IResult> MoveAsync(string id, HttpRequest req, TaskBoard board, CancellationToken ct)
    {
        var body = await TaskRequests.ReadBodyAsync(req, ct);
        TaskColumn status = RequestParsing.ParseStatus(RequestParsing.String(body, "status", "to"));
        int? position = RequestParsing.Int(body, "position");
        if (position is < 0)
        {
            throw new TaskValidationException("position", "must be zero or more");
        }

        return Results.Ok(View(board, await board.MoveAsync(id, status, position, RequestParsing.Long(body, "version"), ct)));
    }

    private static async Task<IResult> DoneAsync(string id, TaskBoard board, CancellationToken ct) =>
        Results.Ok(View(board, await board.MoveAsync(id, TaskColumn.Completed, null, null, ct)));

    private static long? QueryNumber(HttpRequest req, string field)
        => req.Query[field].FirstOrDefault() is not { Length: > 0 } text ? null
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 0 && n <= int.MaxValue ? n
            : throw new TaskValidationException(field, $"'{text}' is not a whole number");

    private static TaskDto View(TaskBoard board, TaskItem task)
    {
        BoardState state = board.Current;
        return TaskDto.From(task, state.Active.ContainsKey(task.Id) ? state.PositionOf(task) : null);
    }

    private static BoardDto BoardView(TaskBoard board)
    {
        BoardState state = board.Current;
        var columns = Enum.GetValues<TaskColumn>().Select(c =>
        {
            IReadOnlyList<TaskItem> tasks = state.Column(c);
            return new BoardColumnDto(c.ToString(), tasks.Count, board.WipLimit(c), [.. tasks.Select((t, i) => TaskDto.From(t, i))]);
        }).ToList();
        return new BoardDto(columns, state.Active.Count, state.Archived.Count, board.Settings.Folder, board.BoardError?.ToString());
    }
}

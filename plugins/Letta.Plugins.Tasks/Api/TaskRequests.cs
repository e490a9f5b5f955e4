using System.Text.Json;
using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Tasks.Api;

/// <summary>Turns request bodies and query strings into validated board inputs (400 naming the field otherwise).</summary>
internal static class TaskRequests
{
    public static async Task<JsonElement> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanSeek && request.Headers.TransferEncoding.Count == 0))
        {
            return default;
        }

        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            JsonElement root = doc.RootElement.Clone();
            return root.ValueKind is JsonValueKind.Object or JsonValueKind.Null
                ? root
                : throw new TaskValidationException("body", "must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new TaskValidationException("body", $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}");
        }
    }

    public static NewTask ToNewTask(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        string title = Collect(errors, () => TaskRules.CheckTitle(RequestParsing.String(body, "title")), "");
        string description = Collect(errors, () => Description(RequestParsing.String(body, "description")), "");
        TaskColumn status = Collect(errors, () => RequestParsing.String(body, "status") is { } s ? RequestParsing.ParseStatus(s) : TaskColumn.Backlog, TaskColumn.Backlog);
        TaskPriority priority = Collect(errors, () => RequestParsing.String(body, "priority") is { } s ? RequestParsing.ParsePriority(s) : TaskPriority.Medium, TaskPriority.Medium);
        IReadOnlyList<string> tags = Collect(errors, () => TaskRules.CheckTags(RequestParsing.Strings(body, "tags", "tag") ?? []), []);
        DateTimeOffset? due = Collect(errors, () => RequestParsing.String(body, "dueDate", "due") is { } s ? RequestParsing.ParseDate(s, "dueDate") : (DateTimeOffset?)null, null);
        int? position = Collect(errors, () => Position(RequestParsing.Int(body, "position")), null);
        Dictionary<string, string> refs = Collect(errors, () => RequestParsing.StringMap(body, "externalRefs") ?? [], []);
        if (errors.Count > 0)
        {
            throw new TaskValidationException(errors);
        }

        return new NewTask
        {
            Title = title,
            Description = description,
            Status = status,
            Priority = priority,
            Tags = tags,
            DueDate = due,
            Position = position,
            ExternalRefs = refs,
        };
    }

    public static TaskPatch ToPatch(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        string? title = Collect(errors, () => RequestParsing.Has(body, "title") ? TaskRules.CheckTitle(RequestParsing.String(body, "title")) : null, null);
        string? description = Collect(errors, () => RequestParsing.String(body, "description") is { } d ? Description(d) : null, null);
        TaskPriority? priority = Collect(errors, () => RequestParsing.String(body, "priority") is { } s ? RequestParsing.ParsePriority(s) : (TaskPriority?)null, null);
        TaskColumn? status = Collect(errors, () => RequestParsing.String(body, "status") is { } s ? RequestParsing.ParseStatus(s) : (TaskColumn?)null, null);
        IReadOnlyList<string>? tags = Collect(errors, () => RequestParsing.Strings(body, "tags", "tag") is { } t ? TaskRules.CheckTags(t) : null, null);
        bool dueSet = RequestParsing.Has(body, "dueDate", "due");
        DateTimeOffset? due = Collect(errors, () => RequestParsing.String(body, "dueDate", "due") is { } s && s.Length > 0 ? RequestParsing.ParseDate(s, "dueDate") : (DateTimeOffset?)null, null);
        int? position = Collect(errors, () => Position(RequestParsing.Int(body, "position")), null);
        Dictionary<string, string>? refs = Collect(errors, () => RequestParsing.StringMap(body, "externalRefs"), null);
        long? version = Collect(errors, () => RequestParsing.Long(body, "version"), null);
        if (errors.Count > 0)
        {
            throw new TaskValidationException(errors);
        }

        return new TaskPatch
        {
            Title = title,
            Description = description,
            Priority = priority,
            Status = status,
            Tags = tags,
            DueDateSet = dueSet,
            DueDate = due,
            Position = position,
            ExternalRefs = refs,
            ExpectedVersion = version,
        };
    }

    public static TaskFilter ToFilter(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        HashSet<TaskColumn>? statuses = Collect(errors, () => Values(query, "status") is { Count: > 0 } v ? v.Select(s => RequestParsing.ParseStatus(s)).ToHashSet() : null, null);
        HashSet<TaskPriority>? priorities = Collect(errors, () => Values(query, "priority") is { Count: > 0 } v ? v.Select(s => RequestParsing.ParsePriority(s)).ToHashSet() : null, null);
        DateTimeOffset? dueBefore = Collect(errors, () => FirstOf(query, "dueBefore", "due_before", "due-before") is { } s ? RequestParsing.ParseDate(s, "dueBefore") : (DateTimeOffset?)null, null);
        if (errors.Count > 0)
        {
            throw new TaskValidationException(errors);
        }

        List<string> tags = Values(query, "tag");
        tags.AddRange(Values(query, "tags"));
        return new TaskFilter
        {
            Statuses = statuses,
            Priorities = priorities,
            DueBefore = dueBefore,
            Tags = tags.Count > 0 ? tags : null,
            Text = FirstOf(query, "text", "q") is { Length: > 0 } text ? text : null,
        };
    }

    private static string Description(string? d)
        => d is { Length: > TaskRules.MaxDescription }
            ? throw new TaskValidationException("description", $"must be at most {TaskRules.MaxDescription} characters")
            : d ?? "";

    private static int? Position(int? p)
        => p is < 0 ? throw new TaskValidationException("position", "must be zero or more") : p;

    private static List<string> Values(IQueryCollection query, string key)
        => [.. query[key].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string? FirstOf(IQueryCollection query, params string[] keys)
        => keys.Select(k => query[k].FirstOrDefault()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static T Collect<T>(Dictionary<string, string[]> errors, Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (TaskValidationException ex)
        {
            foreach ((string key, string[] messages) in ex.Errors)
            {
                errors[key] = errors.TryGetValue(key, out string[]? old) ? [.. old, .. messages] : messages;
            }

            return fallback;
        }
    }
}

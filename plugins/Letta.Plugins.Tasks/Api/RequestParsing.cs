using System.Globalization;
using System.Text.Json;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Api;

/// <summary>Field-level parsing of request values, so every bad value becomes a 400 that names its field.</summary>
internal static class RequestParsing
{
    public static TaskColumn ParseStatus(string? value, string field = "status")
        => TryEnum(value, out TaskColumn c) ? c
            : throw new TaskValidationException(field, $"'{value}' is not a status; use Backlog, InProgress, Review or Completed");

    public static TaskPriority ParsePriority(string? value, string field = "priority")
        => TryEnum(value, out TaskPriority p) ? p
            : throw new TaskValidationException(field, $"'{value}' is not a priority; use Low, Medium, High or Urgent");

    /// <summary>An ISO 8601 date (<c>2026-12-31</c>, midnight UTC) or date-time; returned in UTC.</summary>
    public static DateTimeOffset ParseDate(string? value, string field)
    {
        string v = (value ?? "").Trim();
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
        {
            return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (v.Length >= 10 && char.IsDigit(v[0])
            && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset dt))
        {
            return dt.ToUniversalTime();
        }

        throw new TaskValidationException(field, $"'{value}' is not a date; use ISO 8601, e.g. 2026-12-31 or 2026-12-31T17:00:00Z");
    }

    public static string? String(JsonElement body, string field, params string[] aliases)
    {
        if (!TryGet(body, field, aliases, out JsonElement e, out string name) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw new TaskValidationException(name, "must be a string");
    }

    public static int? Int(JsonElement body, string field)
    {
        if (!TryGet(body, field, [], out JsonElement e, out _) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int i))
        {
            return i;
        }

        if (e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s))
        {
            return s;
        }

        throw new TaskValidationException(field, "must be a whole number");
    }

    public static long? Long(JsonElement body, string field)
    {
        if (!TryGet(body, field, [], out JsonElement e, out _) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long l) ? l : throw new TaskValidationException(field, "must be a whole number");
    }

    /// <summary>A string array; a single string is taken as a one-element array.</summary>
    public static IReadOnlyList<string?>? Strings(JsonElement body, string field, params string[] aliases)
    {
        if (!TryGet(body, field, aliases, out JsonElement e, out string name) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            return [e.GetString()];
        }

        if (e.ValueKind != JsonValueKind.Array || e.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
        {
            throw new TaskValidationException(name, "must be an array of strings");
        }

        return [.. e.EnumerateArray().Select(x => x.GetString())];
    }

    public static Dictionary<string, string>? StringMap(JsonElement body, string field)
    {
        if (!TryGet(body, field, [], out JsonElement e, out _) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new TaskValidationException(field, "must be an object of strings, e.g. {\"taskade\": \"abc123\"}");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in e.EnumerateObject())
        {
            if (p.Name.Trim().Length is 0 or > Board.TaskRules.MaxRefKey)
            {
                throw new TaskValidationException(field, $"keys must be 1 to {Board.TaskRules.MaxRefKey} characters");
            }

            string value = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => throw new TaskValidationException(field, $"'{p.Name}' must be a string"),
            };
            if (value.Length > Board.TaskRules.MaxRefValue)
            {
                throw new TaskValidationException(field, $"'{p.Name}' must be at most {Board.TaskRules.MaxRefValue} characters");
            }

            map[p.Name.Trim()] = value;
        }

        return map;
    }

    public static bool Has(JsonElement body, string field, params string[] aliases) => TryGet(body, field, aliases, out _, out _);

    private static bool TryGet(JsonElement body, string field, string[] aliases, out JsonElement value, out string name)
    {
        foreach (string n in (string[])[field, .. aliases])
        {
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(n, out value))
            {
                name = field;
                return true;
            }
        }

        value = default;
        name = field;
        return false;
    }

    private static bool TryEnum<T>(string? value, out T result)
        where T : struct, Enum
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        string v = value.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return !char.IsDigit(v[0]) && v[0] != '-' && Enum.TryParse(v, ignoreCase: true, out result) && Enum.IsDefined(result);
    }
}

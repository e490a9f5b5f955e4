using System.Globalization;
using System.Text.Json;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Service;

/// <summary>
/// Maps a JSON object to a <see cref="MemoryInput"/>, reporting wrong types under the field's name. Unknown fields
/// are ignored so that newer clients and exports with extra fields still work.
/// </summary>
internal static class MemoryJsonReader
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Parses a whole JSON document; malformed JSON is a field error on <paramref name="field"/>.</summary>
    public static JsonDocument Parse(string json, string field)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new MemoryValidationException(field, $"Malformed JSON: {ex.Message}");
        }
    }

    public static async Task<JsonDocument> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, DocumentOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new MemoryValidationException("body", $"Malformed JSON: {ex.Message}");
        }
    }

    /// <summary>Reads the fields; with <paramref name="importFields"/>, also <c>id</c>, <c>createdAt</c>, <c>updatedAt</c>.</summary>
    public static MemoryInput Read(JsonElement root, bool importFields)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MemoryValidationException("body", "Expected a JSON object.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var input = new MemoryInput { Present = present };
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name.ToLowerInvariant())
            {
                case "title":
                    input = input with { Title = String(value, "title", errors) };
                    present.Add("title");
                    break;
                case "content":
                    input = input with { Content = String(value, "content", errors) };
                    present.Add("content");
                    break;
                case "source":
                    input = input with { Source = String(value, "source", errors) };
                    present.Add("source");
                    break;
                case "tags":
                    input = input with { Tags = Tags(value, errors) };
                    present.Add("tags");
                    break;
                case "metadata":
                    if (value.ValueKind is JsonValueKind.Object)
                    {
                        input = input with { MetadataJson = value.GetRawText() };
                    }
                    else if (value.ValueKind is not JsonValueKind.Null)
                    {
                        errors["metadata"] = ["The metadata must be a JSON object."];
                    }

                    present.Add("metadata");
                    break;
                case "version":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var version) && version > 0)
                    {
                        input = input with { Version = version };
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        errors["version"] = ["The version must be a positive whole number."];
                    }

                    break;
                case "id" when importFields:
                    var id = String(value, "id", errors);
                    if (id is not null && !MemoryIds.IsValid(id))
                    {
                        errors["id"] = ["The id must be 1–128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit."];
                    }

                    input = input with { Id = id };
                    break;
                case "createdat" when importFields:
                    input = input with { CreatedAt = Time(value, "createdAt", errors) };
                    break;
                case "updatedat" when importFields:
                    input = input with { UpdatedAt = Time(value, "updatedAt", errors) };
                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new MemoryValidationException(errors);
        }

        return input;
    }

    private static string? String(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = [$"The {field} must be a string."];
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            errors[field] = [$"The {field} is not valid UTF-16 text."];
            return null;
        }
    }

    private static List<string>? Tags(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors["tags"] = ["The tags must be an array of strings."];
            return null;
        }

        var tags = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            var tag = item.ValueKind == JsonValueKind.String ? String(item, "tags", errors) : null;
            if (tag is null)
            {
                errors["tags"] = ["The tags must be an array of strings."];
                return null;
            }

            tags.Add(tag);
        }

        return tags;
    }

    private static DateTimeOffset? Time(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && time >= DateTimeOffset.UnixEpoch)
        {
            return MemoryTime.Normalize(time);
        }

        errors[field] = [$"The {field} must be an ISO 8601 timestamp after 1970-01-01."];
        return null;
    }
}

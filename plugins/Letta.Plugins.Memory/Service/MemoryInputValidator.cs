using System.Text.Json;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Options;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Memory.Service;

/// <summary>Checks and normalises caller input; every problem is reported under the field it concerns.</summary>
internal sealed class MemoryInputValidator(IOptions<MemoryOptions> options)
{
    public const int MaxSourceLength = 200;
    public const int MaxMetadataLength = 65_536;
    private const int DerivedTitleLength = 100;

    private MemoryOptions Options => options.Value;

    public MemoryDraft ValidateDraft(MemoryInput input)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var content = CheckContent(input.Content, errors);
        var title = CheckTitle(input.Title, errors);
        var tags = CheckTags(input.Tags, "tags", errors);
        var metadata = CheckMetadata(input.MetadataJson, "metadata", errors) ?? "{}";
        var source = CheckSource(input.Source, errors);
        Throw(errors);
        return new MemoryDraft(string.IsNullOrWhiteSpace(title) ? DeriveTitle(content!) : title, content!, tags, metadata, source);
    }

    public MemoryPatch ValidatePatch(MemoryInput input)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var patch = new MemoryPatch();
        if (input.Has("content"))
        {
            patch = patch with { Content = CheckContent(input.Content, errors) };
        }

        if (input.Has("title"))
        {
            var title = CheckTitle(input.Title, errors);
            patch = patch with { Title = string.IsNullOrWhiteSpace(title) ? null : title };
        }

        if (input.Has("tags"))
        {
            patch = patch with { Tags = CheckTags(input.Tags, "tags", errors) };
        }

        if (input.Has("metadata"))
        {
            patch = patch with { MetadataJson = CheckMetadata(input.MetadataJson, "metadata", errors) ?? "{}" };
        }

        if (input.Has("source"))
        {
            patch = patch with { HasSource = true, Source = CheckSource(input.Source, errors) };
        }

        if (!input.Present.Overlaps(["content", "title", "tags", "metadata", "source"]))
        {
            Add(errors, "body", "The patch changes nothing: give at least one of title, content, tags, metadata, source.");
        }

        Throw(errors);
        return patch;
    }

    /// <summary>Validates list/search filters.</summary>
    public void ValidateFilter(MemoryFilter filter)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        CheckTags(filter.Tags, "tag", errors);
        CheckMetadata(filter.MetadataJson, "metadata", errors);
        if (filter.Source is { Length: > MaxSourceLength })
        {
            Add(errors, "source", $"The source is longer than {MaxSourceLength} characters.");
        }

        Throw(errors);
    }

    public int CheckLimit(int? limit)
    {
        if (limit is null)
        {
            return Options.DefaultPageSize;
        }

        if (limit < 1 || limit > Options.MaxPageSize)
        {
            throw new MemoryValidationException("limit", $"The limit must be between 1 and {Options.MaxPageSize}.");
        }

        return limit.Value;
    }

    public static string DeriveTitle(string content)
    {
        var line = content.AsSpan().Trim();
        var newline = line.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            line = line[..newline].TrimEnd();
        }

        if (line.Length <= DerivedTitleLength)
        {
            return line.ToString();
        }

        var cut = line[..DerivedTitleLength];
        var space = cut.LastIndexOf(' ');
        return (space > DerivedTitleLength / 2 ? cut[..space] : cut).ToString() + "…";
    }

    private string? CheckContent(string? content, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            Add(errors, "content", "The content is required and must not be empty.");
            return null;
        }

        if (content.Length > Options.MaxContentLength)
        {
            Add(errors, "content", $"The content is {content.Length} characters long; the limit is {Options.MaxContentLength}.");
        }

        CheckText(content, "content", errors);
        return content;
    }

    private string? CheckTitle(string? title, Dictionary<string, List<string>> errors)
    {
        if (title is null)
        {
            return null;
        }

        title = title.Trim();
        if (title.Length > Options.MaxTitleLength)
        {
            Add(errors, "title", $"The title is {title.Length} characters long; the limit is {Options.MaxTitleLength}.");
        }

        CheckText(title, "title", errors);
        return title;
    }

    private string[] CheckTags(IReadOnlyList<string>? tags, string field, Dictionary<string, List<string>> errors)
    {
        if (tags is null || tags.Count == 0)
        {
            return [];
        }

        var result = new List<string>(tags.Count);
        foreach (var raw in tags)
        {
            var tag = raw?.Trim() ?? string.Empty;
            if (tag.Length == 0)
            {
                Add(errors, field, "A tag must not be empty.");
            }
            else if (tag.Length > Options.MaxTagLength)
            {
                Add(errors, field, $"The tag '{tag[..Math.Min(20, tag.Length)]}…' is {tag.Length} characters long; the limit is {Options.MaxTagLength}.");
            }
            else if (tag.Any(char.IsControl))
            {
                Add(errors, field, "A tag must not contain control characters.");
            }
            else if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        if (result.Count > Options.MaxTags)
        {
            Add(errors, field, $"There are {result.Count} tags; the limit is {Options.MaxTags}.");
        }

        return [.. result];
    }

    private static string? CheckMetadata(string? json, string field, Dictionary<string, List<string>> errors)
    {
        if (json is null)
        {
            return null;
        }

        if (json.Length > MaxMetadataLength)
        {
            Add(errors, field, $"The metadata is longer than {MaxMetadataLength} characters of JSON.");
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                Add(errors, field, "The metadata must be a JSON object.");
                return null;
            }

            if (TextChecks.ContainsNul(doc.RootElement))
            {
                Add(errors, field, "The metadata must not contain NUL characters (\\u0000).");
                return null;
            }

            return TextChecks.Compact(doc.RootElement);
        }
        catch (JsonException ex)
        {
            Add(errors, field, $"The metadata is not valid JSON: {ex.Message}");
            return null;
        }
    }

    private static string? CheckSource(string? source, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        source = source.Trim();
        if (source.Length > MaxSourceLength)
        {
            Add(errors, "source", $"The source is longer than {MaxSourceLength} characters.");
        }

        CheckText(source, "source", errors);
        return source;
    }

    /// <summary>PostgreSQL text cannot hold NUL, and lone surrogates are not text: reject both on every provider.</summary>
    private static void CheckText(string value, string field, Dictionary<string, List<string>> errors)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Add(errors, field, "The text must not contain NUL characters (\\u0000).");
        }
        else if (TextChecks.HasLoneSurrogate(value))
        {
            Add(errors, field, "The text contains an unpaired surrogate.");
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static void Throw(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
        {
            throw new MemoryValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}

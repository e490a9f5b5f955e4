using System.Globalization;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Service;
using Microsoft.AspNetCore.Http;

namespace Letta.Plugins.Memory.Api;

/// <summary>Reads list/search parameters from the query string; a bad value is a 400 naming the parameter.</summary>
internal static class QueryReader
{
    public static MemoryFilter Filter(IQueryCollection query)
    {
        var tags = new List<string>();
        foreach (var value in query["tag"])
        {
            if (value is not null)
            {
                tags.Add(value);
            }
        }

        foreach (var value in query["tags"])
        {
            if (value is not null)
            {
                tags.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        var mode = query["tagMode"].ToString();
        if (mode.Length > 0 && mode is not ("any" or "all"))
        {
            throw new MemoryValidationException("tagMode", "The tagMode must be 'any' or 'all'.");
        }

        var metadata = query["metadata"].ToString();
        var source = query["source"].ToString();
        return new MemoryFilter
        {
            Tags = tags,
            AllTags = mode == "all",
            MetadataJson = metadata.Length == 0 ? null : metadata,
            Source = source.Length == 0 ? null : source,
            CreatedFrom = Time(query, "createdAfter"),
            CreatedTo = Time(query, "createdBefore"),
            UpdatedFrom = Time(query, "updatedAfter"),
            UpdatedTo = Time(query, "updatedBefore"),
        };
    }

    public static int? Int(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MemoryValidationException(name, $"The {name} must be a whole number.");
    }

    public static long? Long(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new MemoryValidationException(name, $"The {name} must be a positive whole number.");
    }

    public static string? String(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        return text.Length == 0 ? null : text;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? MemoryTime.Normalize(value)
            : throw new MemoryValidationException(name, $"The {name} must be an ISO 8601 timestamp.");
    }
}

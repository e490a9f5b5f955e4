using System.Text.Json;

namespace Letta.Plugins.Memory.Storage;

/// <summary>
/// PostgreSQL's jsonb <c>@&gt;</c> (containment) for the SQLite provider, so a metadata filter means the same on both:
/// an object contains another when every key of the other is present with a contained value; an array contains
/// another when each element of the other is contained in some element; scalars must be equal.
/// </summary>
internal static class JsonContainment
{
    public static bool Contains(string document, string pattern)
    {
        using var doc = JsonDocument.Parse(document);
        using var pat = JsonDocument.Parse(pattern);
        return Contains(doc.RootElement, pat.RootElement);
    }

    public static bool Contains(JsonElement doc, JsonElement pattern)
    {
        switch (pattern.ValueKind)
        {
            case JsonValueKind.Object:
                if (doc.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in pattern.EnumerateObject())
                {
                    if (!doc.TryGetProperty(property.Name, out var value) || !Contains(value, property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                if (doc.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                foreach (var wanted in pattern.EnumerateArray())
                {
                    var found = false;
                    foreach (var candidate in doc.EnumerateArray())
                    {
                        if (Contains(candidate, wanted))
                        {
                            found = true;
                            break;
                        }
                    }

                    if (!found)
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return doc.ValueKind == JsonValueKind.String && doc.GetString() == pattern.GetString();
            case JsonValueKind.Number:
                return doc.ValueKind == JsonValueKind.Number && NumbersEqual(doc, pattern);
            default:
                return doc.ValueKind == pattern.ValueKind;
        }
    }

    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            return x == y;
        }

        return a.TryGetDouble(out var d1) && b.TryGetDouble(out var d2) ? d1.Equals(d2) : a.GetRawText() == b.GetRawText();
    }
}

using System.Text.Json;

namespace Letta.Plugins.Memory.Service;

/// <summary>Checks on text and JSON values that every provider must be able to store as given.</summary>
internal static class TextChecks
{
    /// <summary>Whether <paramref name="value"/> holds a surrogate without its partner (not text in any encoding).</summary>
    public static bool HasLoneSurrogate(string value)
    {
        // Nearly all text has no surrogates at all; a vectorised scan settles that before the per-char pairing check.
        var first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return false;
        }

        for (var i = first; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any string or property name in <paramref name="element"/> holds a NUL character.</summary>
    public static bool ContainsNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Contains('\0', StringComparison.Ordinal),
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0', StringComparison.Ordinal) || ContainsNul(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(ContainsNul),
        _ => false,
    };

    /// <summary>The element as JSON text without insignificant whitespace.</summary>
    public static string Compact(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

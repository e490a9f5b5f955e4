using System.Text;
using System.Text.Json;

namespace Letta.Plugins.Memory.Storage;

/// <summary>Tags as a JSON array of strings (SQLite column and history snapshots), without reflection.</summary>
internal static class TagsJson
{
    public static string Write(IReadOnlyList<string> tags)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var tag in tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string[] Read(string json)
    {
        if (json == "[]")
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        var tags = new string[doc.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var element in doc.RootElement.EnumerateArray())
        {
            tags[i++] = element.GetString() ?? string.Empty;
        }

        return tags;
    }
}

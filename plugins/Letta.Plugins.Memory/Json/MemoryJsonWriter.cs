using System.Globalization;
using System.Text.Json;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Json;

/// <summary>Writes the API's JSON shapes directly with <see cref="Utf8JsonWriter"/> (no reflection, one pass).</summary>
internal static class MemoryJsonWriter
{
    public static void WriteMemory(Utf8JsonWriter w, MemoryRecord m, bool includeContent = true)
    {
        w.WriteStartObject();
        WriteMemoryFields(w, m, includeContent);
        w.WriteEndObject();
    }

    public static void WriteMemoryFields(Utf8JsonWriter w, MemoryRecord m, bool includeContent)
    {
        w.WriteString("id", m.Id);
        w.WriteString("title", m.Title);
        if (includeContent)
        {
            w.WriteString("content", m.Content);
        }

        w.WriteStartArray("tags");
        foreach (var tag in m.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WritePropertyName("metadata");
        w.WriteRawValue(m.MetadataJson, skipInputValidation: true);
        if (m.Source is null)
        {
            w.WriteNull("source");
        }
        else
        {
            w.WriteString("source", m.Source);
        }

        w.WriteString("createdAt", Time(m.CreatedAt));
        w.WriteString("updatedAt", Time(m.UpdatedAt));
        w.WriteNumber("version", m.Version);
    }

    public static void WriteHit(Utf8JsonWriter w, SearchHitRecord hit)
    {
        w.WriteStartObject();
        WriteMemoryFields(w, hit.Memory, includeContent: false);
        w.WriteString("snippet", hit.Snippet);
        w.WriteNumber("rank", Math.Round(hit.Rank, 6));
        w.WriteEndObject();
    }

    public static void WriteHistory(Utf8JsonWriter w, string id, IReadOnlyList<HistoryEntry> history)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartArray("items");
        foreach (var entry in history)
        {
            w.WriteStartObject();
            w.WriteString("event", entry.Event);
            w.WriteString("changedAt", Time(entry.ChangedAt));
            w.WritePropertyName("memory");
            WriteMemory(w, entry.Snapshot);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WritePage<T>(Utf8JsonWriter w, IReadOnlyList<T> items, string? nextCursor, Action<Utf8JsonWriter, T> writeItem)
    {
        w.WriteStartObject();
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            writeItem(w, item);
        }

        w.WriteEndArray();
        if (nextCursor is null)
        {
            w.WriteNull("nextCursor");
        }
        else
        {
            w.WriteString("nextCursor", nextCursor);
        }

        w.WriteEndObject();
    }

    /// <summary>ISO 8601 UTC with microseconds, the stored precision.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>Writes a <see cref="FieldStamp"/> as one short string, <c>"version.unixMs.device"</c>, to keep the board file small.</summary>
internal sealed class FieldStampJsonConverter : JsonConverter<FieldStamp>
{
    public override FieldStamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("a field stamp must be a string \"version.unixMs.device\"");
        string[] parts = text.Split('.', 3);
        if (parts.Length < 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long v)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long t))
        {
            throw new JsonException($"'{text}' is not a field stamp \"version.unixMs.device\"");
        }

        return new FieldStamp(v, t, parts.Length == 3 ? parts[2] : "");
    }

    public override void Write(Utf8JsonWriter writer, FieldStamp value, JsonSerializerOptions options)
        => writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{value.V}.{value.T}.{value.D}"));
}

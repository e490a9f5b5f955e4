using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Service;

/// <summary>
/// Opaque page cursors, base64url text. A list cursor is the keyset (creation time, id) of the last row; a search
/// cursor is the rank position to continue from (ranked results have no stable keyset). Garbage is a 400 on <c>cursor</c>.
/// </summary>
internal static class CursorCodec
{
    private const string Field = "cursor";

    public static string EncodeList(ListCursor cursor) =>
        Encode($"L1|{MemoryTime.ToMicros(cursor.CreatedAt).ToString(CultureInfo.InvariantCulture)}|{cursor.Id}");

    public static string EncodeSearch(int offset) => Encode($"S1|{offset.ToString(CultureInfo.InvariantCulture)}");

    public static ListCursor? DecodeList(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        var parts = Decode(cursor).Split('|');
        if (parts.Length != 3 || parts[0] != "L1"
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros)
            || micros < 0 || micros > 253_402_300_799_999_999L
            || !MemoryIds.IsValid(parts[2]))
        {
            throw Invalid();
        }

        return new ListCursor(MemoryTime.FromMicros(micros), parts[2]);
    }

    public static int DecodeSearch(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        var parts = Decode(cursor).Split('|');
        if (parts.Length != 2 || parts[0] != "S1"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || offset > 10_000_000)
        {
            throw Invalid();
        }

        return offset;
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Decode(string cursor)
    {
        if (cursor.Length > 400)
        {
            throw Invalid();
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid();
        }
    }

    private static MemoryValidationException Invalid() =>
        new(Field, "The cursor is not one this server issued; pass the nextCursor of the previous page unchanged.");
}

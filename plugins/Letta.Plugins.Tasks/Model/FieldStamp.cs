namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// When one field of a task last changed: the task version the change produced, Unix milliseconds and the device.
/// Ordered by version, then time, then device id (ordinal), so every device picks the same value for the field.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Storage.FieldStampJsonConverter))]
internal readonly record struct FieldStamp(long V, long T, string? D) : IComparable<FieldStamp>
{
    public static FieldStamp Of(long version, DateTimeOffset at, string device) => new(version, at.ToUnixTimeMilliseconds(), device);

    public int CompareTo(FieldStamp other)
    {
        int c = V.CompareTo(other.V);
        if (c != 0)
        {
            return c;
        }

        c = T.CompareTo(other.T);
        return c != 0 ? c : string.CompareOrdinal(D, other.D);
    }

    public static bool operator <(FieldStamp left, FieldStamp right) => left.CompareTo(right) < 0;

    public static bool operator <=(FieldStamp left, FieldStamp right) => left.CompareTo(right) <= 0;

    public static bool operator >(FieldStamp left, FieldStamp right) => left.CompareTo(right) > 0;

    public static bool operator >=(FieldStamp left, FieldStamp right) => left.CompareTo(right) >= 0;
}

using System.Buffers.Binary;

namespace Letta.Plugins.Sync.Engine.Cloud.Packs;

/// <summary>
/// A SHA-256 as four machine words: the pack index holds one per packed blob, and 100k hex strings as dictionary
/// keys would cost far more memory and hashing than 32 raw bytes.
/// </summary>
internal readonly record struct ContentKey(ulong A, ulong B, ulong C, ulong D)
{
    public const int Length = 32;

    public static ContentKey FromBytes(ReadOnlySpan<byte> sha) => new(
        BinaryPrimitives.ReadUInt64BigEndian(sha),
        BinaryPrimitives.ReadUInt64BigEndian(sha[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(sha[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(sha[24..]));

    /// <summary>Parses a lower- or upper-case hex SHA-256; false for anything else (a unit's blob id is also a SHA-256).</summary>
    public static bool TryParse(string? hex, out ContentKey key)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (hex is null || hex.Length != Length * 2 || Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != Length)
        {
            key = default;
            return false;
        }

        key = FromBytes(bytes);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}

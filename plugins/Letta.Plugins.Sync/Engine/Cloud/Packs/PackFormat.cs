using System.Buffers.Binary;

namespace Letta.Plugins.Sync.Engine.Cloud.Packs;

/// <summary>
/// The pack and index file formats (little-endian).
/// <list type="bullet">
/// <item><c>&lt;id&gt;.pack</c>: 8-byte header <c>LSP</c> + format version + 4 reserved bytes, then records, each a
/// complete loose-format blob (its own 8-byte <c>LSB</c> header with format and codec, then the content). A future
/// codec (encryption, compression) is a new record header value, as for loose blobs.</item>
/// <item><c>&lt;id&gt;.idx</c>: 8-byte header <c>LSI</c> + format version + 4 reserved bytes, the pack's length
/// (int64), the entry count (int32), then per entry the content SHA-256 (32 bytes), the record offset (int64) and
/// the record length (int32).</item>
/// </list>
/// The id is the SHA-256 of the whole index file, so a reader verifies an index (partially synced or corrupt) by its
/// name alone; the content of every record is verified by its own SHA-256 when it is read.
/// </summary>
internal static class PackFormat
{
    public const byte FormatVersion = 1;
    public const int HeaderLength = 8;
    public const string PackExtension = ".pack";
    public const string IndexExtension = ".idx";
    private const int EntryLength = ContentKey.Length + 8 + 4;
    private const int IndexPrefixLength = HeaderLength + 8 + 4;

    public static ReadOnlySpan<byte> PackHeader => [(byte)'L', (byte)'S', (byte)'P', FormatVersion, 0, 0, 0, 0];

    private static ReadOnlySpan<byte> IndexHeader => [(byte)'L', (byte)'S', (byte)'I', FormatVersion, 0, 0, 0, 0];

    public static byte[] BuildIndex(long packLength, IReadOnlyList<PackEntry> entries)
    {
        byte[] data = new byte[IndexPrefixLength + (entries.Count * EntryLength)];
        IndexHeader.CopyTo(data);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(HeaderLength), packLength);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(HeaderLength + 8), entries.Count);
        Span<byte> at = data.AsSpan(IndexPrefixLength);
        foreach (PackEntry entry in entries)
        {
            entry.Sha.WriteTo(at);
            BinaryPrimitives.WriteInt64LittleEndian(at[ContentKey.Length..], entry.Offset);
            BinaryPrimitives.WriteInt32LittleEndian(at[(ContentKey.Length + 8)..], entry.Length);
            at = at[EntryLength..];
        }

        return data;
    }

    /// <summary>Parses an index already verified against its name; null when the layout is not one this version reads.</summary>
    public static List<PackEntry>? ParseIndex(ReadOnlySpan<byte> data)
    {
        if (data.Length < IndexPrefixLength || !data[..3].SequenceEqual(IndexHeader[..3]) || data[3] != FormatVersion)
        {
            return null;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(data[(HeaderLength + 8)..]);
        if (count < 0 || data.Length != IndexPrefixLength + ((long)count * EntryLength))
        {
            return null;
        }

        var entries = new List<PackEntry>(count);
        ReadOnlySpan<byte> at = data[IndexPrefixLength..];
        for (int i = 0; i < count; i++)
        {
            entries.Add(new PackEntry(
                ContentKey.FromBytes(at),
                BinaryPrimitives.ReadInt64LittleEndian(at[ContentKey.Length..]),
                BinaryPrimitives.ReadInt32LittleEndian(at[(ContentKey.Length + 8)..])));
            at = at[EntryLength..];
        }

        return entries;
    }
}

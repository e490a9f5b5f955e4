using Letta.Plugins.Shared;
using System.IO.Compression;
using System.Text.Json;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>
/// Reads and writes <c>manifests/&lt;category&gt;/&lt;DEVICEID&gt;.json.gz</c>: gzip of a JSON header line and a JSON
/// body whose SHA-256 is in the header. Written only by its own device, atomically (temp, then rename).
/// </summary>
internal static class ManifestStore
{
    /// <summary>2 added directory entries and forced tombstones; format 1 manifests are still read.</summary>
    public const int FormatVersion = 2;

    public static void Write(CloudLayout layout, string shortId, string category, string deviceId, long seq, IReadOnlyList<ManifestEntry> entries, DateTimeOffset now, bool durable)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(entries as List<ManifestEntry> ?? [.. entries], SyncJsonContext.Default.ListManifestEntry);
        var header = new ManifestHeader(FormatVersion, deviceId, category, seq, now.ToUnixTimeSeconds(), ContentHasher.HashBytes(body), body.Length);
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, SyncJsonContext.Default.ManifestHeader);

        PrivateFiles.CreateDirectory(layout.ManifestsDir(category));
        PrivateFiles.CreateDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(shortId);
        using (var file = new FileStream(tmp, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024)))
        {
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(headerBytes);
                gzip.WriteByte((byte)'\n');
                gzip.Write(body);
            }

            file.Flush(durable);
        }

        File.Move(tmp, layout.ManifestPath(category, deviceId), overwrite: true);
    }

    /// <summary>Reads only a manifest's header line (its own, to continue its sequence); null when absent or unreadable.</summary>
    public static ManifestHeader? TryReadHeader(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            string? line = reader.ReadLine();
            return line is null ? null : JsonSerializer.Deserialize(line, SyncJsonContext.Default.ManifestHeader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Reads and verifies a manifest file; <see langword="null"/> with a reason when it is partial or corrupt.</summary>
    public static PeerManifest? TryRead(string path, out string? error)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            ReadOnlySpan<byte> all = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            int newline = all.IndexOf((byte)'\n');
            if (newline < 0)
            {
                error = "no header line";
                return null;
            }

            ManifestHeader? header = JsonSerializer.Deserialize(all[..newline], SyncJsonContext.Default.ManifestHeader);
            ReadOnlySpan<byte> body = all[(newline + 1)..];
            if (header is null || header.FormatVersion is < 1 or > FormatVersion)
            {
                error = $"unsupported manifest format {header?.FormatVersion}";
                return null;
            }

            if (body.Length != header.BodyLength || ContentHasher.HashBytes(body) != header.BodySha256)
            {
                error = "body checksum mismatch (partially synced?)";
                return null;
            }

            List<ManifestEntry> entries = JsonSerializer.Deserialize(body, SyncJsonContext.Default.ListManifestEntry) ?? [];
            error = null;
            return new PeerManifest(header, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            error = e.Message;
            return null;
        }
    }
}

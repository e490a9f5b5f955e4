using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Letta.Plugins.Sync.Engine.Scanning;
using Microsoft.Win32.SafeHandles;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>
/// Checks what the cloud folder holds for a content hash before it is trusted (an upload is skipped only for a blob
/// that checks out): the size, then the SHA-256 of a loose blob or of its pack record. Blobs are immutable, so a good
/// one is remembered for the engine's lifetime — a loose one by its length and mtime, which a replacement changes.
/// </summary>
internal sealed class BlobVerifier(CloudLayout layout, PackIndex packs)
{
    private const int HeaderLength = 8;
    private readonly ConcurrentDictionary<string, (long Length, DateTime Mtime)> _goodLoose = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string PackId, long Offset), bool> _goodRecords = new();

    /// <param name="sha">The content hash.</param>
    /// <param name="contentLength">The content's length (the blob is 8 header bytes longer).</param>
    /// <param name="mayBeLoose">False when the caller knows no loose blob exists (saves a stat per file on a first sync).</param>
    public BlobState Check(string sha, long contentLength, bool mayBeLoose = true)
    {
        if (mayBeLoose)
        {
            var info = new FileInfo(layout.BlobPath(sha));
            if (info.Exists)
            {
                return CheckLoose(sha, info, contentLength);
            }
        }

        if (!ContentKey.TryParse(sha, out ContentKey key) || !packs.TryFind(key, out PackLocation location))
        {
            return BlobState.Missing;
        }

        if (_goodRecords.ContainsKey((location.PackId, location.Offset)))
        {
            return BlobState.Good;
        }

        if (location.Length != HeaderLength + contentLength)
        {
            return BlobState.Damaged;
        }

        try
        {
            using SafeFileHandle pack = File.OpenHandle(layout.PackPath(location.PackId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (HeaderOk(pack, location.Offset) && HashRange(pack, location.Offset + HeaderLength, contentLength) == sha)
            {
                _goodRecords[(location.PackId, location.Offset)] = true;
                return BlobState.Good;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the pack has not arrived (or cannot be read): not trusted
        }

        return BlobState.Damaged;
    }

    /// <summary>Forgets a loose blob (it is being replaced).</summary>
    public void Forget(string sha) => _goodLoose.TryRemove(layout.BlobPath(sha), out _);

    private BlobState CheckLoose(string sha, FileInfo info, long contentLength)
    {
        if (_goodLoose.TryGetValue(info.FullName, out var seen) && seen.Length == info.Length && seen.Mtime == info.LastWriteTimeUtc)
        {
            return BlobState.Good;
        }

        if (info.Length != HeaderLength + contentLength)
        {
            return BlobState.Damaged;
        }

        try
        {
            using SafeFileHandle blob = File.OpenHandle(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            if (HeaderOk(blob, 0) && ContentHasher.HashHandle(blob, HeaderLength) == sha)
            {
                _goodLoose[info.FullName] = (info.Length, info.LastWriteTimeUtc);
                return BlobState.Good;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return BlobState.Damaged;
    }

    private static bool HeaderOk(SafeFileHandle handle, long offset)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        return RandomAccess.Read(handle, header, offset) == HeaderLength && header.SequenceEqual(BlobStore.RecordHeader);
    }

    private static string HashRange(SafeFileHandle handle, long offset, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            while (length > 0)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length)), offset);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, read);
                offset += read;
                length -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}

using System.Buffers;
using System.Security.Cryptography;

namespace Letta.Plugins.Sync.Engine;

/// <summary>
/// Immutable content-addressed blobs: <c>blobs/&lt;aa&gt;/&lt;sha256&gt;</c>. Each file starts with an 8-byte header
/// (<c>LSB</c>, format version, codec, reserved) so that a future encrypted or compressed codec is a new header
/// value, not a new layout. The name is the SHA-256 of the plain content, verified on every read.
/// </summary>
internal sealed class BlobStore(CloudLayout layout, string shortId)
{
    public const byte FormatVersion = 1;
    public const byte CodecPlain = 0;
    private const int HeaderLength = 8;
    private const int BufferSize = 256 * 1024;
    private static readonly byte[] s_header = [(byte)'L', (byte)'S', (byte)'B', FormatVersion, CodecPlain, 0, 0, 0];

    // Directories known to exist: creating them again per blob cost a stat each on a 100k-file first sync.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _dirs = new(StringComparer.Ordinal);

    public bool Exists(string sha) => File.Exists(layout.BlobPath(sha));

    private void EnsureDirectory(string dir)
    {
        if (!_dirs.ContainsKey(dir))
        {
            Directory.CreateDirectory(dir);
            _dirs[dir] = true;
        }
    }

    /// <summary>
    /// Copies <paramref name="sourcePath"/> into the store, hashing the exact bytes copied. Returns the hash, or
    /// <see langword="null"/> when <paramref name="expectedSha"/> was given and the file no longer matches it
    /// (changed since the scan). An existing blob is reused without reading the source.
    /// </summary>
    public string? Upload(string sourcePath, string? expectedSha, Action? afterTempWritten = null)
    {
        if (expectedSha is not null && Exists(expectedSha))
        {
            return expectedSha;
        }

        EnsureDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(shortId);
        string sha;
        try
        {
            using (var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan))
            using (var target = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                // No fsync per blob: the engine calls sync(2) once before publishing the manifest that references
                // the blobs (an fsync per blob dominated a first sync of many small files).
                sha = CopyHashing(source, target, s_header);
            }

            afterTempWritten?.Invoke();
            if (expectedSha is not null && sha != expectedSha)
            {
                File.Delete(tmp);
                return null;
            }

            string final = layout.BlobPath(sha);
            EnsureDirectory(Path.GetDirectoryName(final)!);
            if (File.Exists(final))
            {
                File.Delete(tmp);
            }
            else
            {
                // rename(2). Without overwrite .NET emulates "no replace" with link + unlink; a concurrent writer of
                // the same name can only have written the same content, so replacing it is harmless.
                File.Move(tmp, final, overwrite: true);
            }

            return sha;
        }
        catch (IOException) when (File.Exists(tmp))
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>
    /// Writes the blob's content to <paramref name="destination"/> (created new), verifying the hash as it goes.
    /// On a mismatch the destination is deleted and <see cref="BlobCorruptException"/> thrown.
    /// </summary>
    public void CopyVerified(string sha, string destination, bool durableTarget)
    {
        string path = layout.BlobPath(sha);
        if (!File.Exists(path))
        {
            throw new BlobCorruptException($"blob {sha[..12]}… is not in the cloud folder yet");
        }

        bool ok = false;
        try
        {
            using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            Span<byte> header = stackalloc byte[HeaderLength];
            if (source.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) != HeaderLength
                || header[0] != 'L' || header[1] != 'S' || header[2] != 'B' || header[3] != FormatVersion || header[4] != CodecPlain)
            {
                throw new BlobCorruptException($"blob {sha[..12]}… has an unknown or truncated header");
            }

            using (var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                string actual = CopyHashing(source, target, []);
                if (actual != sha)
                {
                    throw new BlobCorruptException($"blob {sha[..12]}… does not match its hash (truncated, corrupt or still uploading)");
                }

                if (durableTarget)
                {
                    target.Flush(flushToDisk: true);
                }
            }

            ok = true;
        }
        finally
        {
            if (!ok && File.Exists(destination))
            {
                File.Delete(destination);
            }
        }
    }

    /// <summary>Copies while hashing the content; <paramref name="prefix"/> is written first, in the same write call.</summary>
    private static string CopyHashing(Stream source, Stream target, ReadOnlySpan<byte> prefix)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize + prefix.Length);
        try
        {
            prefix.CopyTo(buffer);
            int offset = prefix.Length;
            int read;
            while ((read = source.Read(buffer, offset, BufferSize)) > 0)
            {
                hash.AppendData(buffer, offset, read);
                target.Write(buffer, 0, offset + read);
                offset = 0;
            }

            if (offset > 0)
            {
                target.Write(buffer, 0, offset); // an empty file still gets its header
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}

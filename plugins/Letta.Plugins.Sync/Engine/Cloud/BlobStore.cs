using Letta.Plugins.Shared;
using System.Buffers;
using System.Security.Cryptography;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Microsoft.Win32.SafeHandles;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>
/// Immutable content-addressed blobs, found by the SHA-256 of their plain content in one of two places:
/// <list type="bullet">
/// <item>loose, <c>blobs/&lt;aa&gt;/&lt;sha256&gt;</c>: large files, and the blobs of runs that upload only a few;</item>
/// <item>packed, a record in <c>blobs/packs/&lt;id&gt;.pack</c> located through <c>&lt;id&gt;.idx</c>
/// (see <see cref="PackFormat"/>): small files of runs that upload many, so a first sync writes a few dozen files
/// to the cloud folder instead of one per file.</item>
/// </list>
/// Every blob, loose or packed, starts with an 8-byte header (<c>LSB</c>, format version, codec, reserved) so that a
/// future encrypted or compressed codec is a new header value, not a new layout. Content is verified on every read.
/// </summary>
internal sealed partial class BlobStore(CloudLayout layout, string shortId, PackIndex packs, BlobVerifier verifier) : IDisposable
{
    public const byte FormatVersion = 1;
    public const byte CodecPlain = 0;
    private const int HeaderLength = 8;
    private const int BufferSize = 256 * 1024;

    // Directories known to exist: creating them again per blob cost a stat each on a 100k-file first sync.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _dirs = new(StringComparer.Ordinal);
    private readonly Lock _indexLock = new();
    private bool _indexRefreshed;
    private PackWriter? _packer;
    private long _packThreshold;
    private HashSet<ContentKey>? _loose;

    /// <summary>The header of every blob, loose or packed: <c>LSB</c>, format version, codec (plain), reserved.</summary>
    public static ReadOnlySpan<byte> RecordHeader => [(byte)'L', (byte)'S', (byte)'B', FormatVersion, CodecPlain, 0, 0, 0];

    /// <summary>
    /// From now on, content smaller than <paramref name="threshold"/> bytes goes into packs of about
    /// <paramref name="targetSize"/> bytes. <see cref="Flush"/> must run before anything that references them.
    /// </summary>
    public void StartPacking(long threshold, long targetSize, bool durable)
    {
        _packThreshold = threshold;
        _packer ??= new PackWriter(layout, shortId, Packs(), targetSize, durable);
    }

    /// <summary>Seals the open pack and waits until every pending <c>stored</c> callback has run.</summary>
    public void Flush() => _packer?.Flush();

    /// <summary>
    /// Stores <paramref name="sourcePath"/>, hashing the exact bytes stored in the same read. Returns the hash, or
    /// <see langword="null"/> when <paramref name="expectedSha"/> was given and the file no longer matches it (changed
    /// since the scan). <paramref name="stored"/> runs once the content is in place — at once for a loose or already
    /// present blob, when its pack is sealed for a packed one — and only then may the content be recorded.
    /// <paramref name="failed"/> runs instead when a pack cannot be sealed.
    /// </summary>
    public string? Upload(string sourcePath, string? expectedSha, Action<string> stored, Action<Exception> failed, Action? afterTempWritten = null)
    {
        using SafeFileHandle handle = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = RandomAccess.GetLength(handle);
        bool replace = false;
        if (expectedSha is not null)
        {
            // Trust nothing in the cloud that was not verified: a blob that "exists" but is truncated or corrupt is
            // replaced, never referenced as it is.
            BlobState state = verifier.Check(expectedSha, length);
            if (state == BlobState.Good)
            {
                stored(expectedSha);
                return expectedSha;
            }

            replace = state == BlobState.Damaged;
        }

        if (_packer is not null && length < _packThreshold && !replace)
        {
            string? packed = UploadPacked(handle, length, expectedSha, stored, failed, afterTempWritten, out bool tooLarge);
            if (!tooLarge)
            {
                return packed;
            }
        }

        // Grown past the threshold since the scan, large, or replacing a damaged copy: a loose blob, streamed.
        using var source = new FileStream(handle, FileAccess.Read, 1);
        string? sha = UploadLoose(source, expectedSha, afterTempWritten, replace);
        if (sha is not null)
        {
            stored(sha);
        }

        return sha;
    }

    /// <summary>
    /// Uploads <paramref name="sourcePath"/> again as a loose blob when the cloud folder's copy of <paramref name="sha"/>
    /// is missing or damaged (another device asked for it); false when the copy here checks out or the file changed.
    /// </summary>
    public bool Reupload(string sourcePath, string sha)
    {
        using SafeFileHandle handle = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        BlobState state = verifier.Check(sha, RandomAccess.GetLength(handle));
        if (state == BlobState.Good)
        {
            return false;
        }

        using var source = new FileStream(handle, FileAccess.Read, 1);
        return UploadLoose(source, sha, afterTempWritten: null, replace: true) is not null;
    }

    private string? UploadPacked(SafeFileHandle source, long fileLength, string? expectedSha, Action<string> stored, Action<Exception> failed, Action? afterTempWritten, out bool tooLarge)
    {
        // Sized by the file's length (most are a few KB), with room to notice a file that grew since the open.
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)fileLength + 1);
        try
        {
            int capacity = (int)Math.Min(buffer.Length, _packThreshold);
            int length = 0;
            int read;
            // One pread for a file read whole; more only when it was short (a file that shrank, a slow filesystem).
            while (length < capacity && (read = RandomAccess.Read(source, buffer.AsSpan(length, capacity - length), length)) > 0)
            {
                length += read;
                if (length == fileLength)
                {
                    break;
                }
            }

            tooLarge = length == capacity;
            if (tooLarge)
            {
                return null;
            }

            Span<byte> hash = stackalloc byte[ContentKey.Length];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            string sha = Convert.ToHexStringLower(hash);
            if (expectedSha is not null && sha != expectedSha)
            {
                return null;
            }

            var key = ContentKey.FromBytes(hash);
            // Checked here for content hashed only now (a new file); content hashed in the scan was checked in Upload.
            BlobState state = expectedSha is null ? verifier.Check(sha, length, mayBeLoose: LooseBlobs().Contains(key)) : BlobState.Missing;
            switch (state)
            {
                case BlobState.Good:
                    stored(sha); // already there (an older run, another device), and it checks out
                    return sha;
                case BlobState.Damaged:
                    WriteLoose(sha, buffer.AsSpan(0, length), afterTempWritten); // readers take a loose blob first
                    stored(sha);
                    return sha;
                default:
                    _packer!.Append(key, buffer.AsSpan(0, length), () => stored(sha), failed, afterTempWritten);
                    return sha;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes (or replaces) the loose blob of content already in memory.</summary>
    private void WriteLoose(string sha, ReadOnlySpan<byte> content, Action? afterTempWritten)
    {
        EnsureDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(shortId);
        using (var target = new FileStream(tmp, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None, 1)))
        {
            target.Write(RecordHeader);
            target.Write(content);
        }

        afterTempWritten?.Invoke();
        string final = layout.BlobPath(sha);
        EnsureDirectory(Path.GetDirectoryName(final)!);
        verifier.Forget(sha);
        File.Move(tmp, final, overwrite: true);
    }

    private string? UploadLoose(FileStream source, string? expectedSha, Action? afterTempWritten, bool replace)
    {
        EnsureDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(shortId);
        string sha;
        try
        {
            using (var target = new FileStream(tmp, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None, 1)))
            {
                // No fsync per blob: the engine calls sync(2) once before publishing the manifest that references
                // the blobs (an fsync per blob dominated a first sync of many small files).
                sha = CopyHashing(source, target, RecordHeader, long.MaxValue);
            }

            afterTempWritten?.Invoke();
            if (expectedSha is not null && sha != expectedSha)
            {
                File.Delete(tmp);
                return null;
            }

            string final = layout.BlobPath(sha);
            EnsureDirectory(Path.GetDirectoryName(final)!);
            if (File.Exists(final) && !replace && verifier.Check(sha, source.Length) == BlobState.Good)
            {
                File.Delete(tmp);
            }
            else
            {
                // rename(2). Without overwrite .NET emulates "no replace" with link + unlink; a concurrent writer of
                // the same name can only have written the same content, so replacing it is harmless.
                verifier.Forget(sha);
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

    private void EnsureDirectory(string dir)
    {
        if (!_dirs.ContainsKey(dir))
        {
            PrivateFiles.CreateDirectory(dir);
            _dirs[dir] = true;
        }
    }

    /// <summary>Copies while hashing the content; <paramref name="prefix"/> is written first, in the same write call.</summary>
    private static string CopyHashing(Stream source, Stream target, ReadOnlySpan<byte> prefix, long maxBytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize + prefix.Length);
        try
        {
            prefix.CopyTo(buffer);
            int offset = prefix.Length;
            int read;
            while (maxBytes > 0 && (read = source.Read(buffer, offset, (int)Math.Min(BufferSize, maxBytes))) > 0)
            {
                hash.AppendData(buffer, offset, read);
                target.Write(buffer, 0, offset + read);
                offset = 0;
                maxBytes -= read;
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

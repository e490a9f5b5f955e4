using System.Buffers;
using System.Security.Cryptography;
using Letta.Plugins.Sync.Engine.Cloud.Packs;
using Microsoft.Win32.SafeHandles;

namespace Letta.Plugins.Sync.Engine.Cloud;

internal sealed partial class BlobStore
{
    // Packs opened by this run's downloads; many files of a pull come from the same few packs.
    private readonly Dictionary<string, SafeFileHandle> _openPacks = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes the blob's content (loose or packed) to <paramref name="destination"/> (created new), verifying the hash
    /// as it goes. On a mismatch the destination is deleted and <see cref="BlobCorruptException"/> thrown.
    /// </summary>
    /// <param name="sha">The content's hash.</param>
    /// <param name="destination">The new file.</param>
    /// <param name="durableTarget">Whether to flush the file to disk before closing it.</param>
    /// <param name="mtimeUtc">The modification time to give the file, set through the open handle (saves a path lookup per file).</param>
    public void CopyVerified(string sha, string destination, bool durableTarget, DateTime? mtimeUtc = null)
    {
        string path = layout.BlobPath(sha);
        // The loose blobs are listed once per run: a stat per packed file of a 100k-file pull cost more than its copy.
        bool parsed = ContentKey.TryParse(sha, out ContentKey key);
        bool listedLoose = parsed && LooseBlobs().Contains(key);
        PackLocation packed = default;
        bool loose;
        if (listedLoose && File.Exists(path))
        {
            loose = true;
        }
        else if (parsed && Packs().TryFind(key, out packed))
        {
            loose = false;
        }
        else if (!listedLoose && File.Exists(path))
        {
            loose = true; // arrived since the listing
        }
        else
        {
            throw new BlobCorruptException($"blob {sha[..12]}… is not in the cloud folder yet", sha);
        }

        bool ok = false;
        try
        {
            using (var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                string actual = loose ? CopyLoose(path, sha, target) : CopyPacked(packed, sha, target);
                if (actual != sha)
                {
                    throw new BlobCorruptException($"blob {sha[..12]}… does not match its hash (truncated, corrupt or still uploading)", sha);
                }

                if (mtimeUtc is { } mtime)
                {
                    target.Flush();
                    File.SetLastWriteTimeUtc(target.SafeFileHandle, mtime);
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

    /// <summary>
    /// Where a blob's bytes are read from, as a sort key: pulls sorted by it read each pack front to back (loose blobs
    /// first, by name).
    /// </summary>
    public (string Pack, long Offset) ReadOrder(string sha) =>
        ContentKey.TryParse(sha, out ContentKey key) && !LooseBlobs().Contains(key) && Packs().TryFind(key, out PackLocation location)
            ? (location.PackId, location.Offset)
            : ("", 0);

    public void Dispose()
    {
        _packer?.Dispose();
        lock (_openPacks)
        {
            foreach (SafeFileHandle handle in _openPacks.Values)
            {
                handle.Dispose();
            }

            _openPacks.Clear();
        }
    }

    private static string CopyLoose(string path, string sha, FileStream target)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        Span<byte> header = stackalloc byte[HeaderLength];
        if (source.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) != HeaderLength || !header.SequenceEqual(RecordHeader))
        {
            throw new BlobCorruptException($"blob {sha[..12]}… has an unknown or truncated header", sha);
        }

        return CopyHashing(source, target, [], long.MaxValue);
    }

    /// <summary>Copies one pack record's content by offset (positional reads on a shared handle), hashing it.</summary>
    private string CopyPacked(PackLocation location, string sha, FileStream target)
    {
        SafeFileHandle pack = OpenPack(location.PackId, sha);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            Span<byte> header = buffer.AsSpan(0, HeaderLength);
            if (location.Length < HeaderLength || RandomAccess.Read(pack, header, location.Offset) != HeaderLength || !header.SequenceEqual(RecordHeader))
            {
                throw new BlobCorruptException($"blob {sha[..12]}… has an unknown or truncated header in pack {location.PackId[..12]}…", sha);
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long offset = location.Offset + HeaderLength;
            long remaining = location.Length - HeaderLength;
            while (remaining > 0)
            {
                int read = RandomAccess.Read(pack, buffer.AsSpan(0, (int)Math.Min(BufferSize, remaining)), offset);
                if (read == 0)
                {
                    break; // a pack still syncing or truncated: the hash check below rejects it
                }

                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
                offset += read;
                remaining -= read;
            }

            return Convert.ToHexStringLower(hash.GetCurrentHash());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SafeFileHandle OpenPack(string id, string sha)
    {
        lock (_openPacks)
        {
            if (!_openPacks.TryGetValue(id, out SafeFileHandle? handle))
            {
                try
                {
                    handle = File.OpenHandle(layout.PackPath(id), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    throw new BlobCorruptException($"blob {sha[..12]}… is in pack {id[..12]}…, which is not in the cloud folder yet", sha);
                }

                _openPacks[id] = handle;
            }

            return handle;
        }
    }

    /// <summary>
    /// The loose blobs present when packing started, listed once: a stat per packed file to look for a loose twin
    /// cost more than the append itself. One uploaded by another device meanwhile is merely packed twice.
    /// </summary>
    private HashSet<ContentKey> LooseBlobs()
    {
        lock (_indexLock)
        {
            if (_loose is null)
            {
                _loose = [];
                if (Directory.Exists(layout.BlobsDir))
                {
                    foreach (string shard in Directory.EnumerateDirectories(layout.BlobsDir, "??"))
                    {
                        foreach (string blob in Directory.EnumerateFiles(shard))
                        {
                            if (ContentKey.TryParse(Path.GetFileName(blob), out ContentKey key))
                            {
                                _loose.Add(key);
                            }
                        }
                    }
                }
            }

            return _loose;
        }
    }

    /// <summary>The pack index, read from the cloud folder once per store (that is, once per run).</summary>
    private PackIndex Packs()
    {
        lock (_indexLock)
        {
            if (!_indexRefreshed)
            {
                packs.Refresh();
                _indexRefreshed = true;
            }
        }

        return packs;
    }
}

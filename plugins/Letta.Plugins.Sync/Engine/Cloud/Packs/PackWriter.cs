using Letta.Plugins.Shared;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Letta.Plugins.Sync.Engine.Applying;

namespace Letta.Plugins.Sync.Engine.Cloud.Packs;

/// <summary>
/// Appends small blobs to this run's open pack, a <c>.tmp</c> in the cloud temp folder. A pack that reaches the
/// target size is sealed on a background task while the workers fill the next one: written out, renamed to
/// <c>blobs/packs/&lt;id&gt;.pack</c>, then its index written as <c>.tmp</c> and renamed to <c>&lt;id&gt;.idx</c>. Only then are the blobs' <c>stored</c> callbacks run, so nothing is recorded in state.db —
/// and no manifest can reference a blob — before the pack holding it is in place. A killed run leaves at most a
/// <c>.tmp</c> that nothing references, or a complete pack nothing references yet.
/// </summary>
internal sealed class PackWriter(CloudLayout layout, string shortId, PackIndex index, long targetSize, bool durable) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Task> _seals = [];
    private OpenPack? _open;
    private bool _packsDirReady;

    /// <summary>
    /// Adds <paramref name="content"/> (whose SHA-256 is <paramref name="key"/>) to the open pack. <paramref name="stored"/>
    /// runs once the pack is sealed, or at once when a sealed pack already holds the content;
    /// <paramref name="failed"/> runs instead when sealing fails.
    /// </summary>
    public void Append(ContentKey key, ReadOnlySpan<byte> content, Action stored, Action<Exception> failed, Action? afterTempWritten)
    {
        bool alreadyPacked;
        lock (_lock)
        {
            alreadyPacked = index.Contains(key);
            if (!alreadyPacked)
            {
                _open ??= OpenPack.Create(layout, shortId);
                if (_open.Keys.Contains(key))
                {
                    _open.Waiting.Add((stored, failed)); // the same content twice in one run: one record for both
                    return;
                }

                WriteLocked(key, content);
                _open.Waiting.Add((stored, failed));
                if (_open.Length >= targetSize)
                {
                    OpenPack full = _open;
                    _open = null;
                    _seals.Add(Task.Run(() => Seal(full)));
                }
            }
        }

        if (alreadyPacked)
        {
            stored(); // already in a sealed pack (an earlier run's, another device's)
            return;
        }

        afterTempWritten?.Invoke();
    }

    /// <summary>Seals the open pack and waits for every seal; the first failure of a callback is rethrown as itself.</summary>
    public void Flush()
    {
        OpenPack? last;
        Task[] seals;
        lock (_lock)
        {
            last = _open;
            _open = null;
            seals = [.. _seals];
            _seals.Clear();
        }

        List<Exception> errors = [];
        if (last is not null)
        {
            try
            {
                Seal(last);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        foreach (Task seal in seals)
        {
            try
            {
                seal.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        if (errors.Count > 0)
        {
            ExceptionDispatchInfo.Capture(errors[0]).Throw();
        }
    }

    public void Dispose()
    {
        // After a failure (or a simulated crash) the open pack stays an unreferenced .tmp, exactly as after a kill;
        // seals already started finish first, so none writes into a state batch that is being disposed.
        Task[] seals;
        lock (_lock)
        {
            _open?.Stream.Dispose();
            _open = null;
            seals = [.. _seals];
            _seals.Clear();
        }

        foreach (Task seal in seals)
        {
            try
            {
                seal.Wait();
            }
            catch (AggregateException)
            {
                // reported by Flush when it was reached; after a crash there is no one left to tell
            }
        }
    }

    private void Seal(OpenPack pack)
    {
        string id;
        try
        {
            // No fsync here: like loose blobs, packs are made durable by the one sync(2) before the manifest that
            // references them is published; starting the writeback now lets the disk work while the CPU hashes on.
            pack.Stream.Flush();
            if (durable)
            {
                FileSystemFlush.StartWriteback(pack.Stream.SafeFileHandle);
            }

            pack.Stream.Dispose();
            byte[] idx = PackFormat.BuildIndex(pack.Length, pack.Entries);
            id = Convert.ToHexStringLower(SHA256.HashData(idx));
            EnsurePacksDir();
            File.Move(pack.TempPath, layout.PackPath(id), overwrite: true);
            string idxTemp = layout.NewTempPath(shortId);
            using (var file = new FileStream(idxTemp, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None, 1)))
            {
                file.Write(idx);
            }

            File.Move(idxTemp, layout.PackIndexPath(id), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach ((_, Action<Exception> failed) in pack.Waiting)
            {
                failed(e);
            }

            return;
        }

        index.Add(id, pack.Entries);

        foreach ((Action stored, _) in pack.Waiting)
        {
            stored();
        }
    }

    private void WriteLocked(ContentKey key, ReadOnlySpan<byte> content)
    {
        try
        {
            _open!.Write(key, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A partial record would shift every later offset: give the whole open pack up (it stays an
            // unreferenced .tmp) and let its blobs be uploaded again next run.
            OpenPack broken = _open!;
            _open = null;
            broken.Stream.Dispose();
            foreach ((_, Action<Exception> fail) in broken.Waiting)
            {
                fail(e);
            }

            throw;
        }
    }

    private void EnsurePacksDir()
    {
        if (!_packsDirReady)
        {
            PrivateFiles.CreateDirectory(layout.PacksDir);
            _packsDirReady = true;
        }
    }

    private sealed class OpenPack
    {
        private OpenPack(FileStream stream, string tempPath)
        {
            Stream = stream;
            TempPath = tempPath;
        }

        public FileStream Stream { get; }

        public string TempPath { get; }

        public long Length { get; private set; } = PackFormat.HeaderLength;

        public List<PackEntry> Entries { get; } = [];

        public HashSet<ContentKey> Keys { get; } = [];

        public List<(Action Stored, Action<Exception> Failed)> Waiting { get; } = [];

        public static OpenPack Create(CloudLayout layout, string shortId)
        {
            PrivateFiles.CreateDirectory(layout.TempDir);
            string tmp = layout.NewTempPath(shortId);
            // A large buffer turns the many small records into few write calls.
            var stream = new FileStream(tmp, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None, 1024 * 1024));
            stream.Write(PackFormat.PackHeader);
            return new OpenPack(stream, tmp);
        }

        public void Write(ContentKey key, ReadOnlySpan<byte> content)
        {
            Stream.Write(BlobStore.RecordHeader);
            Stream.Write(content);
            int length = BlobStore.RecordHeader.Length + content.Length;
            Keys.Add(key); // without it the same content twice in one run was written twice
            Entries.Add(new PackEntry(key, Length, length));
            Length += length;
        }
    }
}

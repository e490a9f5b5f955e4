using System.Security.Cryptography;

namespace Letta.Plugins.Sync.Engine.Cloud.Packs;

/// <summary>
/// Content hash → pack location for every pack in <c>blobs/packs/</c> (any device's). Indexes are immutable and named
/// by their own SHA-256, so each is read once per process and kept; one that fails that check (still syncing,
/// corrupt) is skipped and read again on a later refresh. Thread-safe.
/// </summary>
internal sealed class PackIndex(CloudLayout layout)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ContentKey, PackLocation> _map = [];
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);

    public bool TryFind(ContentKey key, out PackLocation location)
    {
        lock (_lock)
        {
            return _map.TryGetValue(key, out location);
        }
    }

    public bool Contains(ContentKey key) => TryFind(key, out _);

    /// <summary>Reads the indexes not seen yet.</summary>
    public void Refresh()
    {
        string dir = layout.PacksDir;
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (string path in Directory.EnumerateFiles(dir, "*" + PackFormat.IndexExtension))
        {
            string id = Path.GetFileNameWithoutExtension(path);
            lock (_lock)
            {
                if (_loaded.Contains(id))
                {
                    continue;
                }
            }

            List<PackEntry>? entries = TryRead(path, id);
            if (entries is not null)
            {
                Add(id, entries);
            }
        }
    }

    /// <summary>Registers a pack (one this device just sealed, or one read from the cloud folder).</summary>
    public void Add(string id, IReadOnlyList<PackEntry> entries)
    {
        lock (_lock)
        {
            if (!_loaded.Add(id))
            {
                return;
            }

            foreach (PackEntry entry in entries)
            {
                _map.TryAdd(entry.Sha, new PackLocation(id, entry.Offset, entry.Length));
            }
        }
    }

    private static List<PackEntry>? TryRead(string path, string id)
    {
        try
        {
            byte[] data = File.ReadAllBytes(path);
            return Convert.ToHexStringLower(SHA256.HashData(data)) == id ? PackFormat.ParseIndex(data) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not readable yet: tried again on the next refresh
        }
    }
}

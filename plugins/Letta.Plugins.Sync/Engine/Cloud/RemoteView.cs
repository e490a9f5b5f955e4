namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>Every non-revoked peer's manifest entries for one category, keyed by canonical path.</summary>
internal sealed class RemoteView
{
    public Dictionary<string, List<ManifestEntry>> ByKey { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The manifests the entries were folded from, in order (the same instances while a file is unchanged).</summary>
    public List<PeerManifest> Sources { get; } = [];

    /// <summary>Paths rejected or clashing while folding (reported with <see cref="Issues"/>, kept for a reuse).</summary>
    public List<ScanIssue> PathIssues { get; private set; } = [];

    /// <summary>Peers whose manifest was read (verified or last good copy).</summary>
    public List<string> Peers { get; } = [];

    /// <summary>Manifests read fresh this run, with their sequence numbers, to remember after a real run.</summary>
    public List<(string DeviceId, long Seq, string Path)> FreshManifests { get; } = [];

    public List<ScanIssue> Issues { get; } = [];

    /// <summary>Content the other devices are waiting for (their wants lists).</summary>
    public List<WantedBlob> WantedByOthers { get; } = [];

    public int LiveEntries { get; set; }

    public int TotalEntries { get; set; }

    /// <summary>Tombstones of files whose deleting device did not force the deletion.</summary>
    public int UnforcedTombstones { get; set; }

    /// <summary>Takes the folded entries of a view built from the same manifests (never changed after they are built).</summary>
    public void ReuseEntries(RemoteView previous)
    {
        ByKey = previous.ByKey;
        PathIssues = previous.PathIssues;
        LiveEntries = previous.LiveEntries;
        TotalEntries = previous.TotalEntries;
        UnforcedTombstones = previous.UnforcedTombstones;
        Issues.AddRange(PathIssues);
    }

    public void Add(ManifestEntry entry)
    {
        if (!ByKey.TryGetValue(entry.Path, out List<ManifestEntry>? list))
        {
            list = new List<ManifestEntry>(2);
            ByKey[entry.Path] = list;
        }

        list.Add(entry);
        TotalEntries++;
        if (entry.IsDirectory)
        {
            return;
        }

        if (!entry.Deleted)
        {
            LiveEntries++;
        }
        else if (!entry.Forced)
        {
            UnforcedTombstones++;
        }
    }
}

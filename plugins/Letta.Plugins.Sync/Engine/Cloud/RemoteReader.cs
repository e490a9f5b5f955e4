using Letta.Plugins.Shared;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>
/// Reads the peers' manifests of a category. A manifest that fails its checksum (partially synced) or whose
/// sequence number went backwards is ignored in favour of the last good copy kept in the state directory.
/// iCloud's own duplicates (<c>NAME 2.json.gz</c>) are reported as foreign, never ingested.
/// </summary>
internal static partial class RemoteReader
{
    // Parsed manifests keyed by (path, length, mtime): an unchanged manifest is not re-read in a long-lived process.
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Mtime, PeerManifest Manifest)> s_cache = new();

    /// <param name="layout">The cloud folder.</param>
    /// <param name="stateDirectory">Where the last good copies are kept.</param>
    /// <param name="state">Applied sequence numbers.</param>
    /// <param name="category">The category.</param>
    /// <param name="ownId">This device (its own manifest is not read).</param>
    /// <param name="revoked">Devices whose manifests are ignored.</param>
    /// <param name="caseInsensitive">Whether names differing only by case clash.</param>
    /// <param name="previous">The last run's view: when it was built from the very same manifests, its paths are reused.</param>
    public static RemoteView Read(CloudLayout layout, string stateDirectory, StateStore state, string category, string ownId, ISet<string> revoked, bool caseInsensitive, RemoteView? previous = null)
    {
        var view = new RemoteView();
        view.WantedByOthers.AddRange(WantsFile.ReadOthers(layout, category, ownId, revoked));
        string dir = layout.ManifestsDir(category);
        if (!Directory.Exists(dir))
        {
            return view;
        }

        foreach (string path in Directory.EnumerateFiles(dir))
        {
            string name = Path.GetFileName(path);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            Match m = ManifestName().Match(name);
            if (!m.Success)
            {
                view.Issues.Add(new ScanIssue($"manifests/{category}/{name}", "foreign", "Not written by Letta (an iCloud duplicate such as 'name 2.ext'?); ignored. It is safe to delete."));
                continue;
            }

            string deviceId = m.Groups[1].Value;
            if (deviceId == ownId || revoked.Contains(deviceId))
            {
                continue;
            }

            PeerManifest? manifest = ReadCached(path, out string? error);
            long applied = state.GetPeerSeq(category, deviceId);
            string cachePath = CachedCopyPath(stateDirectory, category, deviceId);
            if (manifest is not null && manifest.Header.DeviceId == deviceId && manifest.Header.Seq >= applied)
            {
                if (manifest.Header.Seq > applied)
                {
                    view.FreshManifests.Add((deviceId, manifest.Header.Seq, path));
                }
            }
            else
            {
                string reason = manifest is null ? error ?? "unreadable" : $"sequence went back ({manifest.Header.Seq} < {applied})";
                manifest = File.Exists(cachePath) ? ManifestStore.TryRead(cachePath, out _) : null;
                view.Issues.Add(new ScanIssue($"manifests/{category}/{name}", "manifest-ignored",
                    $"Manifest of {deviceId[..7]} ignored: {reason}; {(manifest is null ? "no earlier copy, device skipped this run" : "using the last good copy")}."));
                if (manifest is null)
                {
                    continue;
                }
            }

            view.Peers.Add(deviceId);
            view.Sources.Add(manifest);
        }

        // The same manifests as last run (the no-change case): the paths folded from them are the same too.
        if (previous is not null && previous.Sources.Count == view.Sources.Count && previous.Sources.Zip(view.Sources).All(p => ReferenceEquals(p.First, p.Second)))
        {
            view.ReuseEntries(previous);
            return view;
        }

        foreach (PeerManifest manifest in view.Sources)
        {
            foreach (ManifestEntry entry in manifest.Entries)
            {
                string? key = SyncPaths.Canonicalize(entry.Path);
                if (key is null)
                {
                    view.PathIssues.Add(new ScanIssue(entry.Path, "rejected-path", $"Unsafe path in the manifest of {manifest.Header.DeviceId[..7]} (rooted or '..'); rejected."));
                    continue;
                }

                view.Add(key == entry.Path ? entry : entry with { Path = key });
            }
        }

        if (caseInsensitive)
        {
            ReportCaseClashes(view);
        }

        view.Issues.AddRange(view.PathIssues);
        return view;
    }

    public static string CachedCopyPath(string stateDirectory, string category, string deviceId) =>
        Path.Combine(stateDirectory, "peers", category, deviceId + ".json.gz");

    /// <summary>After a real run: remember the applied sequence numbers and keep the last good copies.</summary>
    public static void Remember(RemoteView view, string stateDirectory, StateStore state, string category)
    {
        foreach ((string deviceId, long seq, string path) in view.FreshManifests)
        {
            string cache = CachedCopyPath(stateDirectory, category, deviceId);
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(cache)!);
            PrivateFiles.Copy(path, cache + ".tmp", overwrite: true);
            File.Move(cache + ".tmp", cache, overwrite: true);
            state.SetPeerSeq(category, deviceId, seq);
        }
    }

    private static PeerManifest? ReadCached(string path, out string? error)
    {
        var info = new FileInfo(path);
        if (s_cache.TryGetValue(path, out var hit) && hit.Length == info.Length && hit.Mtime == info.LastWriteTimeUtc)
        {
            error = null;
            return hit.Manifest;
        }

        PeerManifest? manifest = ManifestStore.TryRead(path, out error);
        if (manifest is not null)
        {
            s_cache[path] = (info.Length, info.LastWriteTimeUtc, manifest);
        }

        return manifest;
    }

    /// <summary>On a case-insensitive volume, remote names differing only by case: the first (ordinal) wins.</summary>
    private static void ReportCaseClashes(RemoteView view)
    {
        foreach (IGrouping<string, string> group in view.ByKey.Keys.GroupBy(k => SyncPaths.FoldKey(k, true)).Where(g => g.Count() > 1).ToList())
        {
            string keep = group.Min(StringComparer.Ordinal)!;
            foreach (string other in group.Where(k => k != keep))
            {
                view.ByKey.Remove(other);
                view.PathIssues.Add(new ScanIssue(other, "case-conflict", $"'{other}' differs from '{keep}' only by case; this volume cannot hold both, so only '{keep}' is synced. Rename one of them."));
            }
        }
    }

    [GeneratedRegex("^([A-Z2-7]{52})\\.json\\.gz$", RegexOptions.CultureInvariant)]
    private static partial Regex ManifestName();
}

namespace Letta.Plugins.Sync.Hosting;

/// <summary>
/// The other devices' manifests in the cloud folder by category, as (length, mtime): a poll of the manifests folder
/// costs one directory listing per category, and a change in it is what another device published.
/// </summary>
internal sealed class ManifestSnapshot
{
    private readonly Dictionary<string, Dictionary<string, (long Length, DateTime Mtime)>> _byCategory = new(StringComparer.Ordinal);

    /// <summary>Lists <c>manifests/&lt;category&gt;/*.json.gz</c>, leaving out this device's own.</summary>
    public static ManifestSnapshot Take(string manifestsDirectory, string? ownDeviceId)
    {
        var snapshot = new ManifestSnapshot();
        if (!Directory.Exists(manifestsDirectory))
        {
            return snapshot;
        }

        foreach (string categoryDir in Directory.EnumerateDirectories(manifestsDirectory))
        {
            var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
            foreach (FileInfo file in new DirectoryInfo(categoryDir).EnumerateFiles("*.json.gz"))
            {
                if (ownDeviceId is null || file.Name != ownDeviceId + ".json.gz")
                {
                    files[file.Name] = (file.Length, file.LastWriteTimeUtc);
                }
            }

            snapshot._byCategory[Path.GetFileName(categoryDir)] = files;
        }

        return snapshot;
    }

    /// <summary>The categories whose other devices' manifests differ between the two snapshots.</summary>
    public IEnumerable<string> ChangedSince(ManifestSnapshot earlier)
    {
        foreach ((string category, Dictionary<string, (long, DateTime)> files) in _byCategory)
        {
            if (!earlier._byCategory.TryGetValue(category, out Dictionary<string, (long, DateTime)>? before)
                ? files.Count > 0
                : files.Count != before.Count || files.Any(kv => !before.TryGetValue(kv.Key, out (long, DateTime) seen) || seen != kv.Value))
            {
                yield return category;
            }
        }
    }
}

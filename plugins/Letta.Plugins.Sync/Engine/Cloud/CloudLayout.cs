using Letta.Plugins.Sync.Engine.Cloud.Packs;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>
/// Paths inside <c>&lt;CloudFolder&gt;/LettaSync/</c>. Every mutable file has exactly one writer (its device);
/// content is immutable and content-addressed; every temp file ends in <c>.tmp</c>, which iCloud never uploads.
/// </summary>
internal sealed class CloudLayout(string cloudFolder)
{
    public const string RootName = "LettaSync";

    public string CloudFolder { get; } = cloudFolder;

    public string Root { get; } = Path.Combine(cloudFolder, RootName);

    public string MarkerPath => Path.Combine(Root, ".syncroot");

    public string DevicesDir => Path.Combine(Root, "devices");

    public string BlobsDir => Path.Combine(Root, "blobs");

    public string TempDir => Path.Combine(Root, "tmp");

    public string ManifestsDir(string category) => Path.Combine(Root, "manifests", category);

    public string ManifestPath(string category, string deviceId) => Path.Combine(ManifestsDir(category), deviceId + ".json.gz");

    /// <summary>Per category, one file per device listing content it could not get from the cloud folder.</summary>
    public string WantsDir(string category) => Path.Combine(Root, "wants", category);

    public string WantsPath(string category, string deviceId) => Path.Combine(WantsDir(category), deviceId + ".json");

    public string DevicePath(string deviceId) => Path.Combine(DevicesDir, deviceId + ".json");

    public string BlobPath(string sha) => Path.Combine(BlobsDir, sha[..2], sha);

    /// <summary>Packs of small blobs and their indexes (never a two-character name, so no clash with a loose shard).</summary>
    public string PacksDir => Path.Combine(BlobsDir, "packs");

    public string PackPath(string id) => Path.Combine(PacksDir, id + PackFormat.PackExtension);

    public string PackIndexPath(string id) => Path.Combine(PacksDir, id + PackFormat.IndexExtension);

    /// <summary>A fresh temp path; the device prefix keeps two devices from ever writing the same temp file.</summary>
    public string NewTempPath(string shortId) => Path.Combine(TempDir, $"{shortId[..Math.Min(7, shortId.Length)]}-{Guid.NewGuid():N}.tmp");
}

using Letta.Plugins.Shared;
using System.Text.Json;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>
/// <c>wants/&lt;category&gt;/&lt;DEVICEID&gt;.json</c>: the content a device's pulls are waiting for because the cloud
/// folder lost or damaged it. Written only by that device, and only when the list changed; any device that still
/// holds such content locally uploads it again, so the wait ends by itself.
/// </summary>
internal static class WantsFile
{
    /// <summary>Publishes this device's list (removes the file when nothing is wanted); true when it changed.</summary>
    public static bool Publish(CloudLayout layout, string category, string deviceId, string shortId, IReadOnlyCollection<WantedBlob> wanted)
    {
        string path = layout.WantsPath(category, deviceId);
        List<WantedBlob> sorted = [.. wanted.OrderBy(w => w.Sha, StringComparer.Ordinal)];
        if (sorted.Count == 0)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }

        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(sorted, SyncJsonContext.Default.ListWantedBlob);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        PrivateFiles.CreateDirectory(layout.WantsDir(category));
        PrivateFiles.CreateDirectory(layout.TempDir);
        string tmp = layout.NewTempPath(shortId);
        PrivateFiles.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
        return true;
    }

    /// <summary>What the other (not revoked) devices want; a half-synced list is skipped this run.</summary>
    public static List<WantedBlob> ReadOthers(CloudLayout layout, string category, string ownId, ISet<string> revoked)
    {
        var all = new List<WantedBlob>();
        string dir = layout.WantsDir(category);
        if (!Directory.Exists(dir))
        {
            return all;
        }

        foreach (string file in Directory.EnumerateFiles(dir, "*.json"))
        {
            string id = Path.GetFileNameWithoutExtension(file);
            if (id == ownId || revoked.Contains(id) || id.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                all.AddRange(JsonSerializer.Deserialize(File.ReadAllBytes(file), SyncJsonContext.Default.ListWantedBlob) ?? []);
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
            }
        }

        return all;
    }
}

using Letta.Plugins.Shared;
using System.Text.Json;

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>The <c>.syncroot</c> marker: identifies the sync set. Missing or mismatched means "abort, change nothing".</summary>
internal sealed record SyncRootMarker(string ClusterId, int FormatVersion)
{
    public const int CurrentFormat = 1;

    public static SyncRootMarker? TryRead(CloudLayout layout)
    {
        try
        {
            if (!File.Exists(layout.MarkerPath))
            {
                return null;
            }

            return JsonSerializer.Deserialize(File.ReadAllBytes(layout.MarkerPath), SyncJsonContext.Default.SyncRootMarker);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Creates the sync set (first device only): temp file, then rename without overwrite.</summary>
    public static SyncRootMarker Create(CloudLayout layout, string shortId)
    {
        PrivateFiles.CreateDirectory(layout.Root);
        PrivateFiles.CreateDirectory(layout.TempDir);
        var marker = new SyncRootMarker(Guid.NewGuid().ToString("N"), CurrentFormat);
        // In tmp/ like every other temp file: one left by a kill is cleaned with the rest, never mistaken for data.
        string tmp = layout.NewTempPath(shortId);
        PrivateFiles.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(marker, SyncJsonContext.Default.SyncRootMarker));
        try
        {
            File.Move(tmp, layout.MarkerPath, overwrite: false);
        }
        catch (IOException)
        {
            // Another device created it first: use theirs.
            File.Delete(tmp);
            return TryRead(layout) ?? throw new IOException("The sync marker exists but cannot be read.");
        }

        return marker;
    }
}

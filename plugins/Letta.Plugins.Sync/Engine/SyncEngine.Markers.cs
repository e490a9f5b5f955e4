using Letta.Plugins.Shared;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine;

internal sealed partial class SyncEngine
{
    /// <summary>
    /// Opens state.db; a state written under another device id (a cloned or copied state directory that got a new
    /// id) is set aside, so this device rejoins like one without state: nothing is deleted, differences conflict.
    /// </summary>
    private StateStore OpenOwnState(DeviceIdentity device)
    {
        StateStore state = StateStore.Open(Options.StateDirectory);
        string? owner = state.GetMeta("deviceId");
        if (owner is null)
        {
            state.SetMeta("deviceId", device.Id);
            return state;
        }

        if (owner == device.Id)
        {
            return state;
        }

        state.Dispose();
        string path = StateStore.PathIn(Options.StateDirectory);
        string aside = $"{path}.previous-{owner[..7]}-{Options.Clock.GetUtcNow():yyyyMMddHHmmss}";
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }

        string peers = Path.Combine(Options.StateDirectory, "peers");
        if (Directory.Exists(peers))
        {
            Directory.Delete(peers, recursive: true);
        }

        state = StateStore.Open(Options.StateDirectory);
        state.SetMeta("deviceId", device.Id);
        return state;
    }

    /// <summary>
    /// Checks <c>.syncroot</c> on every run. A device whose cloud folder now names another sync set than the one it
    /// joined adopts it when its own registration is in that folder: the same folder, set up by two devices before the
    /// cloud drive had carried the first marker across (the drive kept one of the two). Anywhere else the mismatch
    /// means another folder is mounted there: abort, nothing changed.
    /// </summary>
    private SyncRootMarker? CheckCloudMarker(StateStore state, DeviceIdentity device, bool dry, SyncRunResult result)
    {
        SyncRootMarker? marker = SyncRootMarker.TryRead(Layout);
        string? known = state.GetMeta("clusterId");
        if (marker is null)
        {
            if (known is not null)
            {
                throw new SyncAbortedException(SyncGate.CloudMarker,
                    $"The cloud folder's marker ({Layout.MarkerPath}) is missing: the folder is not mounted, not synced yet or was removed. Nothing was changed.");
            }

            if (!Directory.Exists(Layout.CloudFolder))
            {
                // A device that never joined may create its folder inside a drive that is there (e.g. "Letta Sync" in
                // iCloud Drive); a missing drive root means "not mounted" and is never created.
                string? parent = Path.GetDirectoryName(Path.GetFullPath(Layout.CloudFolder));
                if (dry || parent is null || !Directory.Exists(parent))
                {
                    throw new SyncAbortedException(SyncGate.CloudMarker, $"The cloud folder {Layout.CloudFolder} does not exist (not mounted?). Nothing was changed.");
                }

                PrivateFiles.CreateDirectory(Layout.CloudFolder);
            }

            if (File.Exists(Layout.MarkerPath) || HoldsSyncData())
            {
                throw new SyncAbortedException(SyncGate.CloudMarker,
                    $"{Layout.Root} holds data but no readable .syncroot marker yet (still syncing?). Nothing was changed; the next run tries again.");
            }

            if (dry)
            {
                return null;
            }

            marker = SyncRootMarker.Create(Layout, device.ShortId);
        }
        else if (known is not null && known != marker.ClusterId)
        {
            if (dry || new DeviceRegistry(Layout, device, Options.AppVersion).Own() is null)
            {
                throw new SyncAbortedException(SyncGate.CloudMarker,
                    $"The cloud folder belongs to another sync set (cluster {marker.ClusterId[..8]}, this device joined {known[..8]}). Nothing was changed.");
            }

            state.SetMeta("clusterId", marker.ClusterId);
            state.SetMeta("previousClusterIds", string.Join(",", PreviousClusterIds(state).Append(known).Distinct(StringComparer.Ordinal)));
            result.Issues.Add(new ScanIssue(".syncroot", "sync-set-merged",
                $"Joined the cloud folder's sync set {marker.ClusterId[..8]} (this device had set up {known[..8]} before the cloud drive brought the other device's marker); the two sets' files merge as usual."));
            known = marker.ClusterId;
        }

        if (marker.FormatVersion > SyncRootMarker.CurrentFormat)
        {
            throw new SyncAbortedException(SyncGate.CloudMarker, $"The cloud folder uses format {marker.FormatVersion}; update Letta. Nothing was changed.");
        }

        if (!dry && known is null)
        {
            state.SetMeta("clusterId", marker.ClusterId);
        }

        return marker;
    }

    /// <summary>Whether the cloud root holds anything Letta wrote (temp files and iCloud duplicates aside).</summary>
    private bool HoldsSyncData() =>
        Directory.Exists(Layout.Root) && Directory.EnumerateFileSystemEntries(Layout.Root).Any(e =>
            Path.GetFileName(e) is not ("tmp" or ".syncroot") && !e.EndsWith(".tmp", StringComparison.Ordinal)
            && !Path.GetFileName(e).StartsWith(".syncroot", StringComparison.Ordinal));

    private static string[] PreviousClusterIds(StateStore state) =>
        (state.GetMeta("previousClusterIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static void CheckLocalMarker(SyncCategory category, string root, bool hasBase, SyncRootMarker? marker, StateStore state)
    {
        if (!Directory.Exists(root))
        {
            throw new SyncAbortedException(SyncGate.LocalMarker,
                $"The local folder {root} of category '{category.Name}' does not exist (unmounted or moved?). It is never created automatically; create it to sync this category. Nothing was changed.");
        }

        string markerPath = Path.Combine(root, SyncPaths.LocalMarkerName);
        if (hasBase)
        {
            string? content = File.Exists(markerPath) ? File.ReadAllText(markerPath).Trim() : null;
            bool ours = content is not null && (marker is null || content == marker.ClusterId || PreviousClusterIds(state).Contains(content));
            if (!ours)
            {
                throw new SyncAbortedException(SyncGate.LocalMarker,
                    $"The marker {SyncPaths.LocalMarkerName} in {root} is {(content is null ? "missing" : "from another sync set")}: the folder was replaced, unmounted or restored. Nothing was changed.");
            }
        }
    }

    /// <summary>
    /// A synced folder replaced by a symbolic link is not a deletion of everything in it (as an unmounted folder is
    /// not): stop, change nothing, say which folder.
    /// </summary>
    private static void CheckLinkedFolders(LocalScan scan, Dictionary<string, StateRow> rows)
    {
        foreach (string linked in scan.LinkedDirectories)
        {
            string prefix = linked + "/";
            int synced = rows.Values.Count(r => r.IsLive && r.Path.StartsWith(prefix, StringComparison.Ordinal));
            if (synced > 0)
            {
                throw new SyncAbortedException(SyncGate.LinkedFolder,
                    $"'{linked}' held {synced} synced files and is now a symbolic link; links are not followed, and its files are not taken as deleted. Put the folder back (or move the files into a real folder), then sync again. Nothing was changed.");
            }
        }
    }

    private static void WriteLocalMarker(string root, SyncRootMarker marker)
    {
        string path = Path.Combine(root, SyncPaths.LocalMarkerName);
        if (!File.Exists(path) || File.ReadAllText(path).Trim() != marker.ClusterId)
        {
            PrivateFiles.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(marker.ClusterId + "\n"));
        }
    }
}

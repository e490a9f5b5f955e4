using System.Text.RegularExpressions;
using Letta.Plugins.Sync.Engine.Applying;
using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Devices;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine;

internal sealed partial class SyncEngine
{
    private void PruneVersions(SyncCategory category)
    {
        DateTimeOffset now = Options.Clock.GetUtcNow();
        if (now - _lastPrune > TimeSpan.FromHours(6))
        {
            new VersionsFolder(Options.StateDirectory, category.Name, Options.Clock).Prune(Options.VersionsRetention);
            _lastPrune = now;
        }
    }

    /// <summary>
    /// Cloud temp files left by killed runs: this device's own once older than the lock lifetime (so a temp another of
    /// its runs is writing right now is never touched), any device's once a day old (a folder shared without iCloud
    /// carries other devices' temps too, and no run writes one temp for a day).
    /// </summary>
    private void RemoveStaleTemps(DeviceIdentity device)
    {
        if (!Directory.Exists(Layout.TempDir))
        {
            return;
        }

        DateTime now = Options.Clock.GetUtcNow().UtcDateTime;
        foreach (string tmp in Directory.EnumerateFiles(Layout.TempDir, "*.tmp"))
        {
            bool own = Path.GetFileName(tmp).StartsWith(device.Short7 + "-", StringComparison.Ordinal);
            try
            {
                if (File.GetLastWriteTimeUtc(tmp) < now - (own ? Options.LockTtl : TimeSpan.FromDays(1)))
                {
                    File.Delete(tmp);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Undoes a unit replacement interrupted between its two renames.</summary>
    private static void RecoverUnits(string root)
    {
        foreach (string dir in Directory.EnumerateDirectories(root, "*" + SyncPaths.LocalTempSuffix))
        {
            Match m = OldUnit().Match(Path.GetFileName(dir));
            string original = m.Success ? Path.Combine(root, m.Groups[1].Value) : "";
            if (m.Success && !Directory.Exists(original))
            {
                Directory.Move(dir, original);
            }
        }
    }

    private IEnumerable<ScanIssue> ForeignFiles()
    {
        if (!Directory.Exists(Layout.DevicesDir))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(Layout.DevicesDir))
        {
            string name = Path.GetFileName(file);
            if (!DeviceFile().IsMatch(name) && !name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                yield return new ScanIssue("devices/" + name, "foreign", "Not written by Letta (an iCloud duplicate such as 'name 2.ext'?); ignored.");
            }
        }
    }

    /// <summary>
    /// Files in the cloud folder that Letta did not write (iCloud's <c>name 2.ext</c> duplicates, mostly) are reported
    /// once each, not on every run; the run still counts them (<see cref="SyncRunResult.ForeignFiles"/>).
    /// </summary>
    private static void ReportForeignOnce(SyncCategory category, StateStore state, SyncRunResult result, bool dry)
    {
        string key = "reported-foreign:" + category.Name;
        var reported = new HashSet<string>((state.GetMeta(key) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var current = new SortedSet<string>(result.Issues.Where(i => i.Kind == "foreign").Select(i => i.Path), StringComparer.Ordinal);
        result.ForeignFiles = current.Count;
        result.Issues.RemoveAll(i => i.Kind == "foreign" && reported.Contains(i.Path));
        if (!dry && !reported.SetEquals(current))
        {
            state.SetMeta(key, string.Join('\n', current));
        }
    }

    /// <summary>A dry-run before the first real run: an identity that is never saved.</summary>
    private DeviceIdentity Ephemeral()
    {
        string dir = Path.Combine(Path.GetTempPath(), "letta-sync-dry-" + Guid.NewGuid().ToString("N"));
        try
        {
            return DeviceIdentity.LoadOrCreate(dir, Options.DeviceName, Options.MachineId, Options.Clock.GetUtcNow());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// A pull that the cloud cannot satisfy (content lost or damaged there) is never dropped silently: it is reported
    /// every run, and this device's wants list asks the devices that still hold the content to upload it again.
    /// </summary>
    private void AskForMissingContent(SyncCategory category, DeviceIdentity device, IReadOnlyCollection<WantedBlob> wanted, SyncRunResult result)
    {
        WantsFile.Publish(Layout, category.Name, device.Id, device.ShortId, wanted);
        if (wanted.Count > 0)
        {
            string examples = string.Join(", ", wanted.Select(w => w.Path).Order(StringComparer.Ordinal).Take(3));
            result.Issues.Add(new ScanIssue(category.Name, "waiting-for-content",
                $"{wanted.Count} file(s) wait for content that is missing or damaged in the cloud folder ({examples}{(wanted.Count > 3 ? ", …" : "")}); the other devices were asked to upload it again, and the files arrive once one of them has."));
        }
    }

    /// <summary>Applies the run's row writes to the in-memory rows and stamps state.db and the cache alike.</summary>
    private void RememberRows(string category, StateStore state, Dictionary<string, StateRow> rows, Dictionary<string, StateRow?> changes)
    {
        string key = "gen:" + category;
        string? generation = state.GetMeta(key);
        if (changes.Count > 0 || generation is null)
        {
            foreach ((string path, StateRow? row) in changes)
            {
                if (row is null)
                {
                    rows.Remove(path);
                }
                else
                {
                    rows[path] = row;
                }
            }

            generation = Guid.NewGuid().ToString("N");
            state.SetMeta(key, generation);
        }

        _rowCache[category] = (generation, rows);
    }
}

using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Uploads again the content other devices are waiting for (their wants lists) when this device still holds it in a
/// local file that is unchanged since it was hashed, and this device's copy of the cloud folder lacks it or holds it
/// damaged. Blobs lost from the cloud heal this way, and a new device completes.
/// </summary>
internal sealed class ContentHealer(ApplyContext context)
{
    public void Heal(IReadOnlyList<WantedBlob> wanted, IReadOnlyDictionary<string, StateRow> rows, LocalScan scan)
    {
        if (wanted.Count == 0 || context.Category.Kind != SyncCategoryKind.Files)
        {
            return; // databases and units are re-made, not kept byte for byte: their blobs cannot be rebuilt
        }

        var sought = new HashSet<string>(wanted.Select(w => w.Sha), StringComparer.Ordinal);
        var sources = new Dictionary<string, LocalFile>(StringComparer.Ordinal);
        foreach (StateRow row in rows.Values)
        {
            if (row.LocalSha is { } sha && sought.Contains(sha) && !sources.ContainsKey(sha)
                && scan.Files.TryGetValue(row.Path, out LocalFile? file) && !file.Unavailable && file.Sha == sha)
            {
                sources[sha] = file;
            }
        }

        foreach ((string sha, LocalFile file) in sources)
        {
            var item = new Planning.PlanItem { Key = file.Key, Action = Planning.PlanAction.Push };
            context.Guarded(item, () =>
            {
                if (context.Blobs.Reupload(context.Tree.Full(file.DiskPath), sha))
                {
                    context.Result.Issues.Add(new ScanIssue(file.Key, "content-reuploaded",
                        $"Uploaded '{file.Key}' ({sha[..12]}…) again: another device could not get it (missing or damaged in the cloud folder)."));
                }
            });
        }
    }
}

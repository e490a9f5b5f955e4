using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;

namespace Letta.Plugins.Sync.Engine.Planning;

internal sealed partial class SyncPlanner
{
    /// <summary>Whether this device has seen <paramref name="entry"/>: its vector is the base's (the usual case, told by
    /// the text alone, no parse) or dominated by it.</summary>
    private static bool Seen(ManifestEntry entry, StateRow? row, VersionVector baseVec) =>
        (row is not null && entry.Version == row.VersionText) || entry.Vector.IsDominatedBy(baseVec);

    private static bool AllSeen(List<ManifestEntry> entries, StateRow row)
    {
        foreach (ManifestEntry entry in entries)
        {
            if (!Seen(entry, row, row.Version))
            {
                return false;
            }
        }

        return true;
    }
}

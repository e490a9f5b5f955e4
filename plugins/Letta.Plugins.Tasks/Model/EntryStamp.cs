namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// The merge order of two facts about one task id: higher version, then state (Active over Archived over
/// Deleted), then later timestamp, then the larger device id (ordinal). Total, so every device picks the same winner.
/// </summary>
internal readonly record struct EntryStamp(long Version, EntryState State, DateTimeOffset At, string DeviceId)
    : IComparable<EntryStamp>
{
    public int CompareTo(EntryStamp other)
    {
        int c = Version.CompareTo(other.Version);
        if (c != 0)
        {
            return c;
        }

        c = State.CompareTo(other.State);
        if (c != 0)
        {
            return c;
        }

        c = At.UtcTicks.CompareTo(other.At.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(DeviceId, other.DeviceId);
    }
}

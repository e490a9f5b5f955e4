namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// A deletion remembered in <c>tasks.json</c> for the retention window, so a device that still holds the task
/// does not bring it back. <see cref="Version"/> is one more than the version the deleting device saw.
/// </summary>
internal sealed record Tombstone
{
    public required string Id { get; init; }

    public long Version { get; init; }

    public DateTimeOffset DeletedAt { get; init; }

    public string DeviceId { get; init; } = "";

    internal EntryStamp Stamp() => new(Version, EntryState.Deleted, DeletedAt, DeviceId);
}

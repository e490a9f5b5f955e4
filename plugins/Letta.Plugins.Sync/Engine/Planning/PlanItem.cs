using Letta.Plugins.Sync.Engine.Cloud;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>One planned operation for one path.</summary>
internal sealed class PlanItem
{
    public required string Key { get; init; }

    public required PlanAction Action { get; set; }

    public StateRow? Base { get; init; }

    public LocalFile? Local { get; init; }

    /// <summary>The content the path ends with (the new base): for a pull, the remote winner.</summary>
    public ManifestEntry? Target { get; set; }

    /// <summary>Losers kept as conflict copies.</summary>
    public List<ConflictCopy> Copies { get; } = [];

    /// <summary>The device whose edit collided with ours (for the event), when there is a conflict.</summary>
    public string? OtherAuthor { get; set; }

    public string? Note { get; set; }

    public bool IsConflict => Copies.Count > 0;

    public override string ToString()
    {
        string detail = Action switch
        {
            PlanAction.Push => $"upload {Short(Local?.Sha)} ({Local?.ContentSize} B)",
            PlanAction.Pull => $"download {Short(Target?.Sha)} ({Target?.Size} B) from {Target?.Author}",
            PlanAction.DeleteLocal => "move local file to versions (deleted remotely)",
            PlanAction.PushDelete => "publish tombstone (deleted locally)",
            _ => Note ?? "",
        };
        string copies = string.Concat(Copies.Select(c => c.Discard ? $"; loser {(c.FromLocal ? "local" : c.Content.Author)} to versions" : $"; keep loser as {c.Path}"));
        return $"{Action,-16} {Key}  {detail}{copies}";
    }

    private static string Short(string? sha) => sha is null ? "(hash on upload)" : sha[..12];
}

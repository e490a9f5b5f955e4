namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>The <c>flags</c> column of a state row.</summary>
[Flags]
internal enum StateRowFlags
{
    None = 0,

    /// <summary>The path is a directory, not a file.</summary>
    Directory = 1,

    /// <summary>A tombstone whose deletion the deleting device forced past its limits: peers apply it without being forced.</summary>
    ForcedDeletion = 2,
}

using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>The content of <c>tasks.json</c>.</summary>
internal sealed class BoardDocument
{
    /// <summary>The only schema this plugin reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Random per write, so a reader can tell two writes apart even when size and mtime match.</summary>
    public string WriteId { get; set; } = "";

    public DateTimeOffset WrittenAt { get; set; }

    /// <summary>The device that wrote this copy.</summary>
    public string DeviceId { get; set; } = "";

    public List<TaskItem> Tasks { get; set; } = [];

    public List<Tombstone> Tombstones { get; set; } = [];
}

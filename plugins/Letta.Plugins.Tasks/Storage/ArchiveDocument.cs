using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>The content of <c>task_archive.json</c>.</summary>
internal sealed class ArchiveDocument
{
    public int SchemaVersion { get; set; } = BoardDocument.CurrentSchemaVersion;

    public string WriteId { get; set; } = "";

    public DateTimeOffset WrittenAt { get; set; }

    public string DeviceId { get; set; } = "";

    public List<TaskItem> Tasks { get; set; } = [];
}

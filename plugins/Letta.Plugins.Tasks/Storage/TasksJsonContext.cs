using System.Text.Json.Serialization;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>Source-generated (de)serialisers for the board files: no reflection on the write path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(BoardDocument))]
[JsonSerializable(typeof(ArchiveDocument))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;

namespace Letta.Plugins.Tasks.Api;

/// <summary>One column of the board view.</summary>
internal sealed record BoardColumnDto(string Status, int Count, int? WipLimit, IReadOnlyList<TaskDto> Tasks);

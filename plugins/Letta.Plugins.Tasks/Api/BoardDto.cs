namespace Letta.Plugins.Tasks.Api;

/// <summary>The board view: columns in order, with counts and WIP limits.</summary>
internal sealed record BoardDto(IReadOnlyList<BoardColumnDto> Columns, int Total, int Archived, string Folder, string? ReadOnlyReason);

using Letta.Plugins.Tasks.Storage;

namespace Letta.Plugins.Tasks;

/// <summary>The board file is unparsable or of an unknown schema: writes are refused until it is fixed (→ 503).</summary>
internal sealed class BoardReadOnlyException(BoardFileError error)
    : Exception($"The task board is read-only until {error.Path} is fixed or restored: {error}")
{
    public BoardFileError Error { get; } = error;
}

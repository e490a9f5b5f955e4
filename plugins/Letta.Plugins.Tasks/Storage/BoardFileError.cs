namespace Letta.Plugins.Tasks.Storage;

/// <summary>Why a board file could not be used: the file, the parser's position (1-based line, 0-based byte) and the reason.</summary>
internal sealed record BoardFileError(string Path, long? Line, long? BytePositionInLine, string Reason)
{
    public override string ToString()
        => Line is null
            ? $"{Path}: {Reason}"
            : $"{Path} (line {Line}, byte {BytePositionInLine}): {Reason}";
}

using System.Text;

namespace Letta.Plugins.Memory.Service;

/// <summary>
/// Reads text lines from a stream holding at most one line (up to <c>maxLineLength</c> characters) in memory, so an
/// import of a million lines needs the memory of one; a longer line is skipped and reported as too long.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineLength) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _pos;
    private int _len;

    /// <summary>The next line, or <see langword="null"/> at the end; <c>TooLong</c> when it was skipped for length.</summary>
    public async ValueTask<(string? Line, bool TooLong)> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var tooLong = false;
        while (true)
        {
            if (_pos == _len)
            {
                _len = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _pos = 0;
                if (_len == 0)
                {
                    return _line.Length == 0 && !tooLong ? (null, false) : (tooLong ? string.Empty : _line.ToString(), tooLong);
                }
            }

            var span = _buffer.AsSpan(_pos, _len - _pos);
            var newline = span.IndexOf('\n');
            var chunk = newline >= 0 ? span[..newline] : span;
            if (!tooLong)
            {
                if (_line.Length + chunk.Length > maxLineLength)
                {
                    tooLong = true;
                    _line.Clear();
                }
                else
                {
                    _line.Append(chunk);
                }
            }

            _pos += chunk.Length;
            if (newline >= 0)
            {
                _pos++;
                if (tooLong)
                {
                    return (string.Empty, true);
                }

                if (_line.Length > 0 && _line[^1] == '\r')
                {
                    _line.Length--;
                }

                return (_line.ToString(), false);
            }
        }
    }

    /// <summary>Releases the decoder; the stream stays open (it belongs to the caller).</summary>
    public void Dispose() => _reader.Dispose();
}

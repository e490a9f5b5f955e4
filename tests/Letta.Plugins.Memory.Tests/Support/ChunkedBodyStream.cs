namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>
/// A request body read from a sequence of chunks; the sequence can throw (a dropped connection) or go on forever
/// (a client that never stops), which a <see cref="MemoryStream"/> cannot.
/// </summary>
internal sealed class ChunkedBodyStream(IEnumerable<byte[]> chunks) : Stream
{
    private readonly IEnumerator<byte[]> _chunks = chunks.GetEnumerator();
    private byte[] _current = [];
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_position == _current.Length)
        {
            if (!_chunks.MoveNext())
            {
                return 0;
            }

            _current = _chunks.Current;
            _position = 0;
        }

        var n = Math.Min(count, _current.Length - _position);
        Array.Copy(_current, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunks.Dispose();
        }

        base.Dispose(disposing);
    }
}

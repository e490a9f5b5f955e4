using System.Net;
using System.Text;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>Streams generated NDJSON lines into the request body; nothing is held beyond a write buffer.</summary>
internal sealed class NdjsonStreamContent(CorpusGenerator generator, int count) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        for (var i = 0; i < count; i++)
        {
            await writer.WriteAsync(generator.NextLine());
            await writer.WriteAsync('\n');
        }

        await writer.FlushAsync();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

namespace Letta.TestPlugins.BenchSink;

public sealed class SinkCounter
{
    private long _count;

    public long Increment() => Interlocked.Increment(ref _count);
}

using System.Threading.Channels;

namespace Letta.Host.Tests.Messaging.Support;

/// <summary>Collects what handlers receive and lets the test await a number of items (10 s safety net).</summary>
internal sealed class Collector<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();

    public void Add(T item) => _items.Writer.TryWrite(item);

    public ValueTask Handle(T item, CancellationToken cancellationToken)
    {
        Add(item);
        return ValueTask.CompletedTask;
    }

    public async Task<T[]> TakeAsync(int count)
    {
        var taken = new T[count];
        for (int i = 0; i < count; i++)
        {
            taken[i] = await _items.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }

        return taken;
    }

    /// <summary>Items received so far and not taken.</summary>
    public int Pending => _items.Reader.Count;
}

using System.Threading.Channels;

namespace Letta.Plugins.Sync.Engine.Persistence;

/// <summary>
/// Writes the rows of uploads on one background task. A sealed pack stores a few thousand blobs at once; writing
/// their rows on the sealing thread under the executor's lock made the upload workers queue (and spin) behind
/// SQLite. Rows arrive only from <c>stored</c> callbacks, i.e. after their content is in place, so the crash
/// order is unchanged: a row that is queued but not written is lost exactly like an uncommitted one.
/// </summary>
internal sealed class RowWriter
{
    private readonly Channel<StateRow> _rows = Channel.CreateUnbounded<StateRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _task;
    private volatile bool _abandoned;

    public RowWriter(Action<StateRow> write)
    {
        _task = Task.Run(async () =>
        {
            ChannelReader<StateRow> reader = _rows.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out StateRow? row))
                {
                    if (!_abandoned)
                    {
                        write(row);
                    }
                }
            }
        });
    }

    /// <summary>Queues a row; ignored once the writer is completed (a seal that outlives a failed run).</summary>
    public void Add(StateRow row) => _rows.Writer.TryWrite(row);

    /// <summary>Writes what is queued, then stops; rethrows the first write failure.</summary>
    public void Complete()
    {
        _rows.Writer.TryComplete();
        _task.GetAwaiter().GetResult();
    }

    /// <summary>Stops after a failure elsewhere: whatever is still queued is dropped, as in a crash.</summary>
    public void Abandon()
    {
        _abandoned = true;
        _rows.Writer.TryComplete();
        try
        {
            _task.Wait();
        }
        catch (AggregateException)
        {
            // the run already failed with its own exception
        }
    }
}

using Letta.Samples.EchoConnector.Options;
using Microsoft.Extensions.Options;

namespace Letta.Samples.EchoConnector.Events;

/// <summary>
/// The last <see cref="EchoOptions.MaxEvents"/> hub events, in memory. A singleton: handlers are created per
/// message (scoped), so anything that must outlive one message lives in a singleton like this one.
/// </summary>
internal sealed class EchoEventLog(IOptionsMonitor<EchoOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<EchoEvent> _events = new();

    /// <summary>How many events are currently kept.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Remembers one event, dropping the oldest ones beyond <see cref="EchoOptions.MaxEvents"/>.</summary>
    /// <param name="type">The message type name.</param>
    /// <param name="summary">A one-line description.</param>
    public void Add(string type, string summary)
    {
        var entry = new EchoEvent(type, summary, time.GetUtcNow());

        // Read the limit on every add: IOptionsMonitor reflects edits to plugins.json without a restart.
        int max = Math.Max(1, options.CurrentValue.MaxEvents);
        lock (_gate)
        {
            _events.Enqueue(entry);
            while (_events.Count > max)
            {
                _events.Dequeue();
            }
        }
    }

    /// <summary>The kept events, newest first.</summary>
    /// <returns>A snapshot; later events do not change it.</returns>
    public IReadOnlyList<EchoEvent> Recent()
    {
        lock (_gate)
        {
            return _events.Reverse().ToArray();
        }
    }
}

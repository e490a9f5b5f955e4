using System.Diagnostics;
using Letta.Memories;

namespace Letta.Benchmarks;

/// <summary>
/// Times one way of delivering <see cref="MemoryDeleted"/> events to a handler that answers marker events
/// (Version &lt; 0) through <see cref="ReplyWaiter"/>. All three pipes are measured by this same code.
/// </summary>
internal sealed class EventPipe(string name, Func<MemoryDeleted, ValueTask> publish, ReplyWaiter replies)
{
    // Bursts stay below the default queue capacity (1,024) so no pipe drops events; each burst ends with a marker.
    private const int Burst = 512;

    public async Task<PipeResult> MeasureAsync(int events, int pings)
    {
        await ThroughputAsync(Math.Max(events / 10, Burst)).ConfigureAwait(false);
        double perSecond = await ThroughputAsync(events).ConfigureAwait(false);
        var roundTrips = new List<double>(pings);
        for (int i = 0; i < pings; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await SendMarkerAsync().ConfigureAwait(false);
            roundTrips.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        return new PipeResult(name, perSecond, Stats.Percentile(roundTrips, 50), Stats.Percentile(roundTrips, 95));
    }

    private async Task<double> ThroughputAsync(int events)
    {
        var message = new MemoryDeleted("m", 1, DateTimeOffset.UnixEpoch);
        long start = Stopwatch.GetTimestamp();
        for (int sent = 0; sent < events; sent += Burst)
        {
            for (int i = 1; i < Burst; i++)
            {
                await publish(message).ConfigureAwait(false);
            }

            await SendMarkerAsync().ConfigureAwait(false);
        }

        return events / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private async Task SendMarkerAsync()
    {
        replies.Reset();
        Task<long> reply = replies.Next();
        await publish(new MemoryDeleted("marker", -1, DateTimeOffset.UnixEpoch)).ConfigureAwait(false);
        await reply.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }
}

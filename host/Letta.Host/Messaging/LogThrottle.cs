namespace Letta.Host.Messaging;

/// <summary>
/// Lets one log line through per interval and counts what it held back, so repeated warnings
/// (queue drops, identity mix-ups) stay visible without flooding the log.
/// </summary>
internal sealed class LogThrottle(TimeProvider timeProvider, TimeSpan interval)
{
    private long _nextAllowedTimestamp = long.MinValue;
    private long _suppressed;

    /// <summary>Returns true when a line may be written now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        long now = timeProvider.GetTimestamp();
        long next = Volatile.Read(ref _nextAllowedTimestamp);
        long intervalTicks = (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
        if (now >= next && Interlocked.CompareExchange(ref _nextAllowedTimestamp, now + intervalTicks, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}

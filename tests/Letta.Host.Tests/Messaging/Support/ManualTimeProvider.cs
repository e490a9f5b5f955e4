namespace Letta.Host.Tests.Messaging.Support;

/// <summary>A clock the test moves by hand (timers still use the real clock).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1;
    private DateTimeOffset _utcNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

    public override DateTimeOffset GetUtcNow() => _utcNow;

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _timestamp, by.Ticks);
        _utcNow += by;
    }
}

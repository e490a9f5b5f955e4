namespace Letta.Testing;

/// <summary>
/// A clock the test moves by hand: <see cref="GetUtcNow"/> and <see cref="GetTimestamp"/> advance only through
/// <see cref="Advance"/>. Timers and delays still run on the real clock.
/// </summary>
/// <param name="start">The first <see cref="GetUtcNow"/>. Default: 2026-11-01 09:00 UTC.</param>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private long _timestamp = 1;
    private DateTimeOffset _utcNow = start;

    /// <summary>A clock starting at 2026-11-01 09:00 UTC.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _utcNow;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far.</param>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _timestamp += by.Ticks;
            _utcNow += by;
        }
    }
}

namespace Letta.Host.Messaging;

/// <summary>Tuning knobs of the <see cref="MessageHub"/>; the defaults suit the host.</summary>
internal sealed class MessageHubOptions
{
    /// <summary>The options used when none are given.</summary>
    public static MessageHubOptions Default { get; } = new();

    /// <summary>
    /// How long disposing a plugin's facade waits for its delivery loops to finish the message in hand.
    /// A handler that ignores cancellation is abandoned after this, so stopping a plugin never hangs. Default: 5 s.
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Minimum time between two repeated warnings of the same kind (drops on one subscription, identity
    /// mix-ups on one message type), so a stuck subscriber cannot flood the log. Counting never pauses. Default: 30 s.
    /// </summary>
    public TimeSpan WarningInterval { get; init; } = TimeSpan.FromSeconds(30);
}

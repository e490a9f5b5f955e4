namespace Letta.Host.Messaging;

/// <summary>Message type identity mix-ups (same full name, different assembly or load context) involving a plugin.</summary>
/// <param name="Count">How many times one was seen (every affected publish counts).</param>
/// <param name="LastMessage">The last error, naming both assemblies and load contexts.</param>
/// <param name="LastAt">When it was seen (UTC).</param>
internal sealed record IdentityErrorDiagnostics(long Count, string? LastMessage, DateTimeOffset? LastAt)
{
    public static IdentityErrorDiagnostics None { get; } = new(0, null, null);
}

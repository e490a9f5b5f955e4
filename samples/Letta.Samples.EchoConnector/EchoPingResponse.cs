namespace Letta.Samples.EchoConnector;

/// <summary>The answer of <c>POST /api/echo/ping</c>.</summary>
/// <param name="Echo">The message with the configured prefix in front.</param>
/// <param name="At">When it was echoed (UTC).</param>
public sealed record EchoPingResponse(string Echo, DateTimeOffset At);

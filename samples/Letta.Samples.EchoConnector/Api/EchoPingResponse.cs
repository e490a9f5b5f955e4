namespace Letta.Samples.EchoConnector.Api;

/// <summary>The answer of <c>POST /api/echo/ping</c>.</summary>
/// <param name="Echo">The message with the configured prefix in front.</param>
/// <param name="At">When it was echoed (UTC).</param>
internal sealed record EchoPingResponse(string Echo, DateTimeOffset At);

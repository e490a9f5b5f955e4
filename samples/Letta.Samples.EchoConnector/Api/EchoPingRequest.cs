namespace Letta.Samples.EchoConnector.Api;

/// <summary>The body of <c>POST /api/echo/ping</c>.</summary>
/// <param name="Message">The text to echo; required, at most <see cref="MaxLength"/> characters.</param>
internal sealed record EchoPingRequest(string? Message)
{
    /// <summary>The longest accepted message.</summary>
    public const int MaxLength = 1_000;
}

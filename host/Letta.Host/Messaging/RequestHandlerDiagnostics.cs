namespace Letta.Host.Messaging;

/// <summary>One registered request handler as shown on GET /api/plugins.</summary>
/// <param name="RequestType">Full name of the request type.</param>
/// <param name="ResponseType">Full name of the response type.</param>
/// <param name="Handled">Requests answered.</param>
/// <param name="Failed">Requests whose handler threw.</param>
/// <param name="TimedOut">Requests the requester gave up on (timeout).</param>
/// <param name="LastError">Message of the last handler exception.</param>
/// <param name="LastErrorAt">When it happened (UTC).</param>
internal sealed record RequestHandlerDiagnostics(
    string RequestType,
    string ResponseType,
    long Handled,
    long Failed,
    long TimedOut,
    string? LastError,
    DateTimeOffset? LastErrorAt);

using Letta.Samples.EchoConnector.Events;
using Letta.Samples.EchoConnector.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Letta.Samples.EchoConnector.Api;

/// <summary>
/// The echo connector's HTTP API. The host passes a route group rooted at <c>/api/echo/</c> that already
/// requires the API key, and handler parameters such as <see cref="EchoEventLog"/> resolve from the
/// plugin's own container. Each route is a named method, so a reader finds it by name.
/// </summary>
internal static class EchoApi
{
    /// <summary>Maps <c>GET events</c> and <c>POST ping</c>.</summary>
    /// <param name="endpoints">The plugin's route group.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapEcho(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("events", ListEvents);
        endpoints.MapPost("ping", Ping);
        return endpoints;
    }

    /// <summary>The recent hub events, newest first.</summary>
    public static Ok<IReadOnlyList<EchoEvent>> ListEvents(EchoEventLog log) => TypedResults.Ok(log.Recent());

    /// <summary>Echoes <see cref="EchoPingRequest.Message"/> with the configured prefix.</summary>
    /// <param name="request">The body; <see langword="null"/> when the request had none.</param>
    /// <param name="options">The current settings.</param>
    /// <param name="time">The host's clock.</param>
    /// <returns>200 with the echo, or 400 problem details naming the <c>message</c> field.</returns>
    public static Results<Ok<EchoPingResponse>, ValidationProblem> Ping(
        EchoPingRequest? request, IOptionsMonitor<EchoOptions> options, TimeProvider time)
    {
        // Bad input is the caller's mistake: answer 400 naming the field, never 500.
        string? message = request?.Message;
        if (string.IsNullOrWhiteSpace(message))
        {
            return Invalid("message", "Message must not be empty.");
        }

        if (message.Length > EchoPingRequest.MaxLength)
        {
            return Invalid("message", $"Message must be at most {EchoPingRequest.MaxLength} characters.");
        }

        return TypedResults.Ok(new EchoPingResponse(options.CurrentValue.Prefix + message, time.GetUtcNow()));
    }

    // The API's one failure-to-problem mapping: a field the caller must fix.
    private static ValidationProblem Invalid(string field, string text) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [text] });
}

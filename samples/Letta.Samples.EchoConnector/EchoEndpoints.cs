using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Letta.Samples.EchoConnector;

/// <summary>
/// The echo connector's HTTP API. The host passes a route group rooted at <c>/api/echo/</c> that already
/// requires the API key, and handler parameters such as <see cref="EchoEventLog"/> resolve from the
/// plugin's own container.
/// </summary>
public static class EchoEndpoints
{
    /// <summary>Maps <c>GET events</c> and <c>POST ping</c>.</summary>
    /// <param name="endpoints">The plugin's route group.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapEchoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("events", (EchoEventLog log) => TypedResults.Ok(log.Recent()));
        endpoints.MapPost("ping", Ping);
        return endpoints;
    }

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
            return TypedResults.ValidationProblem(Error("message", "Message must not be empty."));
        }

        if (message.Length > EchoPingRequest.MaxLength)
        {
            return TypedResults.ValidationProblem(Error("message", $"Message must be at most {EchoPingRequest.MaxLength} characters."));
        }

        return TypedResults.Ok(new EchoPingResponse(options.CurrentValue.Prefix + message, time.GetUtcNow()));
    }

    private static Dictionary<string, string[]> Error(string field, string text) => new() { [field] = [text] };
}

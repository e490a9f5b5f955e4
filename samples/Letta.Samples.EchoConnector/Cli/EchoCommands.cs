using Letta.Cli;

namespace Letta.Samples.EchoConnector.Cli;

/// <summary>
/// The CLI verbs <c>letta echo events</c> and <c>letta echo ping &lt;message&gt;</c>. The CLI reads these from
/// the running server and turns each command line into one HTTP call to the named route.
/// </summary>
internal static class EchoCommands
{
    /// <summary>Every verb of the echo connector.</summary>
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("events", "List the most recent task and memory events the echo connector saw.", "GET", "events"),

        // "message" is not part of the route, so the CLI sends it as a JSON body field: {"message": "..."}.
        new("ping", "Echo a message back with the configured prefix.", "POST", "ping")
        {
            Arguments = [new CliArgument("message", "The text to echo.")],
        },
    ];
}

namespace Letta.Cli;

/// <summary>
/// A CLI verb a plugin adds as <c>letta {pluginId} {Name} …</c>. The CLI knows no plugin at compile time:
/// it reads these declarations from the running server and turns a command line into one HTTP call to
/// <c>/api/{pluginId}/{Route}</c>, then prints the response.
/// </summary>
/// <param name="Name">The verb, lower-case, e.g. <c>add</c>.</param>
/// <param name="Description">One line shown by <c>--help</c>.</param>
/// <param name="Method">The HTTP method: <c>GET</c>, <c>POST</c>, <c>PUT</c>, <c>PATCH</c> or <c>DELETE</c>.</param>
/// <param name="Route">
/// The route relative to the plugin's root, e.g. <c>items/{id}</c>. Each <c>{name}</c> is filled from the
/// argument of that name.
/// </param>
public sealed record CliCommand(string Name, string Description, string Method, string Route)
{
    /// <summary>Positional arguments, in order. Those not named in <see cref="Route"/> are sent like options.</summary>
    public IReadOnlyList<CliArgument> Arguments { get; init; } = [];

    /// <summary>Named <c>--options</c>. Sent as the query string for GET and DELETE, else as JSON body fields.</summary>
    public IReadOnlyList<CliOption> Options { get; init; } = [];

    /// <summary>
    /// The name of an argument whose value is a file path (or <c>-</c> for standard input) streamed as the raw
    /// request body, e.g. for an import; <see langword="null"/> when the body is built from options.
    /// </summary>
    public string? BodyFileArgument { get; init; }

    /// <summary>The content type of a body streamed from <see cref="BodyFileArgument"/>. Default: <c>application/json</c>.</summary>
    public string BodyContentType { get; init; } = "application/json";
}

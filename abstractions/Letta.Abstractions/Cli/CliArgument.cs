namespace Letta.Cli;

/// <summary>A positional argument of a <see cref="CliCommand"/>.</summary>
/// <param name="Name">The name; fills <c>{Name}</c> in the route, or becomes a query or body field.</param>
/// <param name="Description">One line shown by <c>--help</c>.</param>
/// <param name="Required">Whether the command fails without it.</param>
public sealed record CliArgument(string Name, string Description, bool Required = true);

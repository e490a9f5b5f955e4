namespace Letta.Cli;

/// <summary>A named option (<c>--name value</c>, or <c>--name</c> alone for a flag) of a <see cref="CliCommand"/>.</summary>
/// <param name="Name">The option name without dashes; also the query or JSON body field it fills.</param>
/// <param name="Description">One line shown by <c>--help</c>.</param>
/// <param name="Kind">How the value is read and sent.</param>
public sealed record CliOption(string Name, string Description, CliValueKind Kind = CliValueKind.Text)
{
    /// <summary>Whether the option may be given more than once; the values are sent as a JSON array or repeated query keys.</summary>
    public bool AllowMultiple { get; init; }
}

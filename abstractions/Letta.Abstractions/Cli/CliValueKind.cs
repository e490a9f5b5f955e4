namespace Letta.Cli;

/// <summary>How a CLI option's value is parsed and sent.</summary>
public enum CliValueKind
{
    /// <summary>A string.</summary>
    Text = 0,

    /// <summary>A whole number, sent as a JSON number.</summary>
#pragma warning disable CA1720 // the name is part of the published plugin ABI; renaming it would break plugins built against 1.0
    Integer = 1,
#pragma warning restore CA1720

    /// <summary>A flag without a value, sent as <c>true</c>.</summary>
    Flag = 2,

    /// <summary>A JSON value (object, array, number, …), sent as is.</summary>
    Json = 3,
}

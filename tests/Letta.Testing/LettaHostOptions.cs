namespace Letta.Testing;

/// <summary>How to start a <see cref="LettaHostProcess"/>.</summary>
public sealed record LettaHostOptions
{
    /// <summary>First-party or sample plugins copied from <c>artifacts/plugins/&lt;id&gt;</c> into the plugins folder.</summary>
    public IReadOnlyList<string> PluginIds { get; init; } = [];

    /// <summary>Fixture plugins copied from <c>artifacts/testplugins/&lt;id&gt;</c> into the plugins folder.</summary>
    public IReadOnlyList<string> TestPluginIds { get; init; } = [];

    /// <summary>The plugins folder to use as is; a temp folder is made (and filled from the id lists) when null.</summary>
    public string? PluginsDirectory { get; init; }

    /// <summary>The content of plugins.json; none when null.</summary>
    public string? PluginsJson { get; init; }

    /// <summary><c>$LETTA_HOME</c>; a temp folder is made (and removed on dispose) when null.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Extra environment variables for the host process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for <c>/health</c> to answer. Default: 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

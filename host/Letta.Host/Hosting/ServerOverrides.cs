namespace Letta.Host.Hosting;

/// <summary>Values given on the command line of <c>letta serve</c>; they beat configuration and environment.</summary>
internal sealed record ServerOverrides(string? Urls = null, string? PluginsDirectory = null, string? PluginsConfig = null, bool Console = true)
{
    /// <summary>The <c>Letta:*</c> configuration keys these values (or else their <c>LETTA_*</c> variables) set.</summary>
    public Dictionary<string, string?> ToConfiguration()
    {
        var values = new Dictionary<string, string?>();
        Add(values, "Letta:Urls", Urls ?? Environment.GetEnvironmentVariable("LETTA_URLS"));
        Add(values, "Letta:PluginsDirectory", PluginsDirectory ?? Environment.GetEnvironmentVariable("LETTA_PLUGINS_DIR"));
        Add(values, "Letta:PluginsConfig", PluginsConfig ?? Environment.GetEnvironmentVariable("LETTA_PLUGINS_CONFIG"));
        return values;
    }

    private static void Add(Dictionary<string, string?> values, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[key] = value;
        }
    }
}

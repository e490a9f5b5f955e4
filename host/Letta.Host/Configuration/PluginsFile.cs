namespace Letta.Host.Configuration;

/// <summary>The parsed <c>plugins.json</c>: per plugin id, whether it is enabled and its raw settings object.</summary>
internal sealed class PluginsFile
{
    public static readonly PluginsFile Empty = new(null, new Dictionary<string, PluginEntry>(StringComparer.Ordinal));

    public PluginsFile(string? path, IReadOnlyDictionary<string, PluginEntry> plugins)
    {
        Path = path;
        Plugins = plugins;
    }

    /// <summary>The file it came from, or <see langword="null"/> when there is none.</summary>
    public string? Path { get; }

    public IReadOnlyDictionary<string, PluginEntry> Plugins { get; }

    public PluginEntry For(string pluginId) =>
        Plugins.TryGetValue(pluginId, out PluginEntry? entry) ? entry : PluginEntry.Default;
}

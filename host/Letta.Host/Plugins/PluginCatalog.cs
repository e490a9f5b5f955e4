namespace Letta.Host.Plugins;

/// <summary>Every plugin folder the host found, in start order first, then the rejected ones.</summary>
internal sealed class PluginCatalog
{
    private readonly Dictionary<string, PluginRuntime> _byId;

    public PluginCatalog(IReadOnlyList<PluginRuntime> all, IReadOnlyList<PluginRuntime> startOrder, string pluginsDirectory)
    {
        All = all;
        StartOrder = startOrder;
        PluginsDirectory = pluginsDirectory;
        _byId = all.Where(r => r.State != Letta.Plugins.PluginState.Conflict)
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<PluginRuntime> All { get; }

    /// <summary>Viable plugins after composition, ordered so dependencies come first.</summary>
    public IReadOnlyList<PluginRuntime> StartOrder { get; }

    public string PluginsDirectory { get; }

    public PluginRuntime? Find(string id) => _byId.GetValueOrDefault(id);
}

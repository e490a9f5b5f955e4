using Letta.Plugins;
using Microsoft.Extensions.Configuration;

namespace Letta.Testing;

/// <summary>
/// The <see cref="IPluginContext"/> the host would hand a plugin, for tests that run a plugin without the host:
/// the data directory is <c>{home}/plugins/{id}</c> and, as the host does, exists before the plugin is configured.
/// </summary>
public sealed class TestPluginContext : IPluginContext
{
    /// <summary>A context whose settings come from <paramref name="settings"/>.</summary>
    /// <param name="pluginId">The plugin id, e.g. <c>tasks</c>.</param>
    /// <param name="homeDirectory">The test's <c>$LETTA_HOME</c>.</param>
    /// <param name="settings">The plugin's <c>settings</c> section; empty when null.</param>
    public TestPluginContext(string pluginId, string homeDirectory, IConfiguration? settings = null)
    {
        PluginId = pluginId;
        HomeDirectory = homeDirectory;
        DataDirectory = Directory.CreateDirectory(Path.Combine(homeDirectory, "plugins", pluginId)).FullName;
        Settings = settings ?? new ConfigurationBuilder().Build();
    }

    /// <summary>A context whose settings are flat configuration keys (<c>"wipLimits:InProgress" = "3"</c>).</summary>
    /// <param name="pluginId">The plugin id.</param>
    /// <param name="homeDirectory">The test's <c>$LETTA_HOME</c>.</param>
    /// <param name="settings">The settings as configuration key/value pairs.</param>
    public TestPluginContext(string pluginId, string homeDirectory, IEnumerable<KeyValuePair<string, string?>> settings)
        : this(pluginId, homeDirectory, new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
    {
    }

    /// <inheritdoc />
    public string PluginId { get; }

    /// <inheritdoc />
    public string Version => "1.0.0";

    /// <inheritdoc />
    public string DataDirectory { get; }

    /// <inheritdoc />
    public string HomeDirectory { get; }

    /// <inheritdoc />
    public IConfiguration Settings { get; }

    /// <inheritdoc />
    public bool IsAiConfigured => false;
}

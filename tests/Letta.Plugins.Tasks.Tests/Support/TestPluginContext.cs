using Letta.Plugins;
using Microsoft.Extensions.Configuration;

namespace Letta.Plugins.Tasks.Tests.Support;

/// <summary>What the host would hand the plugin, for tests that run the plugin without the host.</summary>
internal sealed class TestPluginContext(string home, IConfiguration settings) : IPluginContext
{
    public string PluginId => "tasks";

    public string Version => "1.0.0";

    public string DataDirectory => Path.Combine(home, "plugins", "tasks");

    public string HomeDirectory => home;

    public IConfiguration Settings => settings;

    public bool IsAiConfigured => false;
}

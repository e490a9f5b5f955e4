using Letta.Plugins;
using Microsoft.Extensions.Configuration;

namespace Letta.Plugins.Memory.Tests.Support;

/// <summary>The plugin context a host would give, with settings from a dictionary.</summary>
internal sealed class TestPluginContext(string dataDirectory, IDictionary<string, string?> settings) : IPluginContext
{
    public string PluginId => "memory";

    public string Version => "1.0.0";

    public string DataDirectory => dataDirectory;

    public string HomeDirectory => Path.GetDirectoryName(dataDirectory) ?? dataDirectory;

    public IConfiguration Settings { get; } = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public bool IsAiConfigured => false;
}

using Letta.Plugins;
using Microsoft.Extensions.Configuration;

namespace Letta.Samples.EchoConnector.Tests;

/// <summary>The smallest <see cref="IPluginContext"/>: what the host would hand the plugin, with in-memory settings.</summary>
internal sealed class TestPluginContext(IReadOnlyDictionary<string, string?>? settings = null) : IPluginContext
{
    public string PluginId => "echo";

    public string Version => "1.0.0";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "letta-echo-tests");

    public string HomeDirectory => Path.GetTempPath();

    public IConfiguration Settings { get; } = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();

    public bool IsAiConfigured => false;
}

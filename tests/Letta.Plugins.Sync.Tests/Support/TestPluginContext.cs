using Microsoft.Extensions.Configuration;

namespace Letta.Plugins.Sync.Tests.Support;

internal sealed class TestPluginContext(string home, IConfiguration settings) : IPluginContext
{
    public string PluginId => "sync";

    public string Version => "1.0.0";

    public string DataDirectory { get; } = Path.Combine(home, "plugins", "sync");

    public string HomeDirectory { get; } = home;

    public IConfiguration Settings { get; } = settings;

    public bool IsAiConfigured => false;
}

using Letta.Plugins;

namespace Letta.Host.Plugins;

internal sealed record PluginContext(
    string PluginId,
    string Version,
    string DataDirectory,
    string HomeDirectory,
    IConfiguration Settings,
    bool IsAiConfigured) : IPluginContext;

namespace Letta.Host.Http;

internal sealed record PluginList(string PluginsDirectory, IReadOnlyList<PluginInfo> Plugins);

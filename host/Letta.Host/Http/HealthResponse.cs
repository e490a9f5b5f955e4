using Letta.Host.Plugins;

namespace Letta.Host.Http;

internal sealed record HealthResponse(string Status, IReadOnlyDictionary<string, PluginHealthReport> Plugins);

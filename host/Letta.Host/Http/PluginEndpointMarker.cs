namespace Letta.Host.Http;

/// <summary>Endpoint metadata naming the plugin an endpoint belongs to.</summary>
internal sealed record PluginEndpointMarker(string PluginId);

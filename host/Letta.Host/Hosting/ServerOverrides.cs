namespace Letta.Host.Hosting;

/// <summary>Values given on the command line of <c>letta serve</c>; they beat configuration and environment.</summary>
internal sealed record ServerOverrides(string? Urls = null, string? PluginsDirectory = null, string? PluginsConfig = null, bool Console = true);

namespace Letta.Host.Configuration;

/// <summary>The user's <c>plugins.json</c>: where it was read from (null when there is none) and what it says.</summary>
internal sealed record PluginsConfiguration(string? Path, PluginsFile File);

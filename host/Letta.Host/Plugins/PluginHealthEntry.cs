namespace Letta.Host.Plugins;

/// <summary>One named health check of a plugin.</summary>
internal sealed record PluginHealthEntry(string Status, string? Description, double DurationMilliseconds);

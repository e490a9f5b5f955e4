namespace Letta.Host.Plugins;

/// <summary>One plugin's health: its checks' aggregate plus hub handler failures.</summary>
internal sealed record PluginHealthReport(string Status, string? Description, IReadOnlyDictionary<string, PluginHealthEntry> Checks);

namespace Letta.Host.Plugins;

/// <summary>A plugin another plugin needs, with the versions it accepts.</summary>
internal sealed record PluginDependency(string Id, VersionRange Range);

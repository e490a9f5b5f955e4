namespace Letta.Host.Plugins;

/// <summary>A plugin's <c>plugin.json</c>, after validation.</summary>
internal sealed record PluginManifest(
    string Id,
    string Name,
    SemanticVersion Version,
    string EntryAssembly,
    Version Abi,
    IReadOnlyList<PluginDependency> Dependencies,
    string? Description);

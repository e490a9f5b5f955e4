using Microsoft.Extensions.Configuration;

namespace Letta.Plugins;

/// <summary>What the host tells a plugin about itself. Registered in the plugin's container.</summary>
public interface IPluginContext
{
    /// <summary>The plugin id from its manifest, e.g. <c>memory</c>.</summary>
    string PluginId { get; }

    /// <summary>The plugin version from its manifest.</summary>
    string Version { get; }

    /// <summary>
    /// The plugin's own data directory, <c>$LETTA_HOME/plugins/{pluginId}/</c>. Created by the host with
    /// mode 0700 before the plugin is configured.
    /// </summary>
    string DataDirectory { get; }

    /// <summary>The Letta home directory (<c>$LETTA_HOME</c>, default <c>~/.letta</c>).</summary>
    string HomeDirectory { get; }

    /// <summary>
    /// The plugin's <c>settings</c> section from <c>plugins.json</c>, with <c>${env:NAME}</c> references
    /// already resolved. Empty when the file names no settings.
    /// </summary>
    IConfiguration Settings { get; }

    /// <summary>
    /// <see langword="true"/> when the host has a real chat model configured. When <see langword="false"/>,
    /// the forwarded <c>IChatClient</c> throws <see cref="InvalidOperationException"/> and AI features should
    /// fall back to deterministic rules and say so.
    /// </summary>
    bool IsAiConfigured { get; }
}

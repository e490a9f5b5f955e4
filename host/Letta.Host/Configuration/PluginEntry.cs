using System.Text.Json;

namespace Letta.Host.Configuration;

/// <summary>One plugin's entry in <c>plugins.json</c>. A plugin the file does not name runs with no settings.</summary>
internal sealed record PluginEntry(bool Enabled, JsonElement? Settings)
{
    public static readonly PluginEntry Default = new(true, null);
}

using System.Text.Json;

namespace Letta.Plugins.Tasks.Tests.EndToEnd;

/// <summary>plugins.json for a host whose task board lives in a given folder.</summary>
internal static class HostSettings
{
    public static string PluginsJson(string folder, object? extra = null)
    {
        var settings = new Dictionary<string, object?>
        {
            ["folder"] = folder,
            ["archiveAfterDays"] = 3650,
            ["syncInterval"] = "00:00:01",
        };
        if (extra is not null)
        {
            foreach (JsonProperty p in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                settings[p.Name] = p.Value;
            }
        }

        return JsonSerializer.Serialize(new { plugins = new { tasks = new { enabled = true, settings } } });
    }
}

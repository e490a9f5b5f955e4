using System.Text.Json;

namespace Letta.Testing;

/// <summary>A <c>plugins.json</c> that enables only the sync plugin with one category and runs only on request.</summary>
public static class SyncPluginsJson
{
    /// <summary>
    /// Sync of <paramref name="folder"/> as category <paramref name="category"/> through <paramref name="cloud"/>: no
    /// schedule, no watchers, the default categories off (a test or benchmark decides when a run happens).
    /// </summary>
    public static string OnRequest(string cloud, string category, string folder, int? deletionLimit = null)
    {
        var categories = new Dictionary<string, object>
        {
            ["memories"] = new { enabled = false },
            ["code"] = new { enabled = false },
            ["settings"] = new { enabled = false },
            ["databases"] = new { enabled = false },
            ["extensions"] = new { enabled = false },
        };
        categories[category] = new { path = folder };
        var settings = new Dictionary<string, object>
        {
            ["cloudFolder"] = cloud,
            ["scheduleEnabled"] = false,
            ["watchFiles"] = false,
            ["watchCloud"] = false,
            ["categories"] = categories,
        };
        if (deletionLimit is int limit)
        {
            settings["deletionLimit"] = limit;
        }

        return JsonSerializer.Serialize(new { plugins = new { sync = new { enabled = true, settings } } });
    }
}

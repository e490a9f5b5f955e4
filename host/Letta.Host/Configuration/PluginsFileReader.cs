using System.Text.Json;

namespace Letta.Host.Configuration;

/// <summary>
/// Reads <c>plugins.json</c>. A malformed file stops the host (the user asked for something we can't tell),
/// with a message naming the file, the line and the problem.
/// </summary>
internal static class PluginsFileReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static PluginsFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new PluginsFileException($"{path}: cannot be read: {ex.Message}", ex);
        }

        return Parse(path, text);
    }

    public static PluginsFile Parse(string path, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            long line = (ex.LineNumber ?? 0) + 1;
            long column = (ex.BytePositionInLine ?? 0) + 1;
            throw new PluginsFileException($"{path}:{line}:{column}: invalid JSON: {FirstSentence(ex.Message)}", ex);
        }

        using (document)
        {
            var locator = new JsonLineLocator(text);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Shape(path, locator, [], "the root must be an object like { \"plugins\": { … } }");
            }

            var plugins = new Dictionary<string, PluginEntry>(StringComparer.Ordinal);
            foreach (JsonProperty top in root.EnumerateObject())
            {
                if (top.Name != "plugins")
                {
                    throw Shape(path, locator, [top.Name], $"unknown property '{top.Name}'; the file has one property, \"plugins\"");
                }

                if (top.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Shape(path, locator, ["plugins"], "\"plugins\" must be an object keyed by plugin id");
                }

                foreach (JsonProperty plugin in top.Value.EnumerateObject())
                {
                    plugins[plugin.Name] = ReadEntry(path, locator, plugin);
                }
            }

            return new PluginsFile(path, plugins);
        }
    }

    private static PluginEntry ReadEntry(string path, JsonLineLocator locator, JsonProperty plugin)
    {
        if (plugin.Value.ValueKind != JsonValueKind.Object)
        {
            throw Shape(path, locator, ["plugins", plugin.Name], $"plugins.{plugin.Name} must be an object with \"enabled\" and \"settings\"");
        }

        bool enabled = true;
        JsonElement? settings = null;
        foreach (JsonProperty field in plugin.Value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "enabled" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    enabled = field.Value.GetBoolean();
                    break;
                case "enabled":
                    throw Shape(path, locator, ["plugins", plugin.Name, "enabled"], $"plugins.{plugin.Name}.enabled must be true or false");
                case "settings" when field.Value.ValueKind == JsonValueKind.Object:
                    settings = field.Value.Clone();
                    break;
                case "settings" when field.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "settings":
                    throw Shape(path, locator, ["plugins", plugin.Name, "settings"], $"plugins.{plugin.Name}.settings must be an object");
                default:
                    throw Shape(path, locator, ["plugins", plugin.Name, field.Name], $"plugins.{plugin.Name}: unknown property '{field.Name}' (expected \"enabled\" or \"settings\")");
            }
        }

        return new PluginEntry(enabled, settings);
    }

    private static PluginsFileException Shape(string path, JsonLineLocator locator, string[] propertyPath, string problem) =>
        new($"{path}:{locator.LineOf(propertyPath)}: {problem}");

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

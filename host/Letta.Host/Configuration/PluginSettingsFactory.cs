using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Letta.Host.Configuration;

/// <summary>
/// Turns a plugin's <c>settings</c> object into an <see cref="IConfiguration"/>, resolving <c>${env:NAME}</c>
/// references so secrets stay out of the file. A reference to an unset variable is a field error, never an
/// empty secret.
/// </summary>
internal static partial class PluginSettingsFactory
{
    public static IConfiguration Create(JsonElement? settings, Func<string, string?> environment, List<string> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (settings is { ValueKind: JsonValueKind.Object } root)
        {
            Flatten(root, prefix: null, values, environment, errors);
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static void Flatten(JsonElement element, string? prefix, Dictionary<string, string?> values, Func<string, string?> environment, List<string> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, Join(prefix, property.Name), values, environment, errors);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, Join(prefix, index.ToString(CultureInfo.InvariantCulture)), values, environment, errors);
                    index++;
                }

                break;
            case JsonValueKind.String:
                values[prefix!] = Expand(element.GetString()!, prefix!, environment, errors);
                break;
            case JsonValueKind.Null:
                values[prefix!] = null;
                break;
            default:
                values[prefix!] = element.GetRawText();
                break;
        }
    }

    private static string Expand(string value, string key, Func<string, string?> environment, List<string> errors) =>
        EnvReference().Replace(value, match =>
        {
            string name = match.Groups["name"].Value;
            string? resolved = environment(name);
            if (resolved is null)
            {
                errors.Add($"{key}: references ${{env:{name}}} but the environment variable {name} is not set");
                return string.Empty;
            }

            return resolved;
        });

    private static string Join(string? prefix, string name) => prefix is null ? name : prefix + ConfigurationPath.KeyDelimiter + name;

    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnvReference();
}

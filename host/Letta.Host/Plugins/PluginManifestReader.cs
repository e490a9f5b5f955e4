using System.Text.Json;
using System.Text.RegularExpressions;

namespace Letta.Host.Plugins;

/// <summary>Reads and validates <c>plugin.json</c>. No plugin code runs here.</summary>
internal static partial class PluginManifestReader
{
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Returns the manifest, or <see langword="null"/> with <paramref name="problem"/> saying what is wrong.</summary>
    public static PluginManifest? TryRead(string folder, out string? problem)
    {
        string path = Path.Combine(folder, FileName);
        RawManifest? raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawManifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            problem = $"{FileName} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}";
            return null;
        }
        catch (IOException ex)
        {
            problem = $"{FileName} cannot be read: {ex.Message}";
            return null;
        }

        return raw is null ? Fail(out problem, $"{FileName} is empty") : Validate(raw, Path.GetFileName(folder), out problem);
    }

    private static PluginManifest? Validate(RawManifest raw, string folderName, out string? problem)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(raw.Id) || !IdPattern().IsMatch(raw.Id))
        {
            errors.Add("id must be lower-case letters, digits and dashes, starting with a letter");
        }
        else if (raw.Id is "plugins" or "openapi")
        {
            errors.Add($"id '{raw.Id}' is reserved: the host serves /api/{raw.Id}");
        }
        else if (!FolderMatchesId(folderName, raw.Id))
        {
            errors.Add($"id '{raw.Id}' must equal the folder name '{folderName}' (or the folder must be '{raw.Id}@<anything>')");
        }

        if (string.IsNullOrWhiteSpace(raw.Name))
        {
            errors.Add("name is required");
        }

        if (!SemanticVersion.TryParse(raw.Version, out SemanticVersion version))
        {
            errors.Add($"version '{raw.Version}' is not a semantic version like 1.2.3");
        }

        if (string.IsNullOrWhiteSpace(raw.EntryAssembly))
        {
            errors.Add("entryAssembly is required");
        }
        else if (Path.IsPathRooted(raw.EntryAssembly) || raw.EntryAssembly.Contains("..", StringComparison.Ordinal)
                 || raw.EntryAssembly.IndexOfAny(['/', '\\']) >= 0 || !raw.EntryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"entryAssembly '{raw.EntryAssembly}' must be a .dll file name inside the plugin folder");
        }

        Version? abi = null;
        if (raw.Abi is null || !System.Version.TryParse(raw.Abi, out abi) || raw.Abi.Count(c => c == '.') != 1)
        {
            errors.Add($"abi '{raw.Abi}' must be the Letta.Abstractions major.minor the plugin was built against, e.g. \"1.0\"");
        }

        var dependencies = new List<PluginDependency>();
        foreach (RawDependency dependency in raw.Dependencies ?? [])
        {
            if (string.IsNullOrWhiteSpace(dependency.Id) || !IdPattern().IsMatch(dependency.Id))
            {
                errors.Add($"dependency id '{dependency.Id}' is not a plugin id");
            }
            else if (!VersionRange.TryParse(dependency.Version, out VersionRange range))
            {
                errors.Add($"dependency '{dependency.Id}': version range '{dependency.Version}' is not valid (e.g. \">=1.0.0 <2.0.0\")");
            }
            else
            {
                dependencies.Add(new PluginDependency(dependency.Id, range));
            }
        }

        if (errors.Count > 0)
        {
            return Fail(out problem, $"{FileName}: " + string.Join("; ", errors));
        }

        problem = null;
        return new PluginManifest(raw.Id!, raw.Name!, version, raw.EntryAssembly!, abi!, dependencies, raw.Description);
    }

    /// <summary>
    /// The folder is named after the id; <c>id@suffix</c> is accepted too, so a second copy of a plugin
    /// (another version) can sit beside the first and be reported as a conflict instead of being skipped.
    /// </summary>
    private static bool FolderMatchesId(string folderName, string id) =>
        folderName == id || folderName.StartsWith(id + "@", StringComparison.Ordinal);

    private static PluginManifest? Fail(out string? problem, string message)
    {
        problem = message;
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private sealed class RawManifest
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Version { get; set; }

        public string? EntryAssembly { get; set; }

        public string? Abi { get; set; }

        public List<RawDependency>? Dependencies { get; set; }

        public string? Description { get; set; }
    }

    private sealed class RawDependency
    {
        public string? Id { get; set; }

        public string? Version { get; set; }
    }
}


namespace Letta.Host.Plugins;

/// <summary>Finds plugin folders and reads their manifests; rejects duplicate ids as a whole set.</summary>
internal sealed class PluginDiscovery(ILogger<PluginDiscovery> logger)
{
    public List<PluginRuntime> Discover(string pluginsDirectory)
    {
        var runtimes = new List<PluginRuntime>();
        if (!Directory.Exists(pluginsDirectory))
        {
            logger.LogWarning("Plugins directory {PluginsDirectory} does not exist; no plugins loaded", pluginsDirectory);
            return runtimes;
        }

        foreach (string file in Directory.EnumerateFiles(pluginsDirectory))
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Ignoring {File} in the plugins directory: plugins are folders", Path.GetFileName(file));
            }
        }

        // Sorted so logs and listings are stable; correctness never depends on the order.
        foreach (string folder in Directory.EnumerateDirectories(pluginsDirectory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(folder);
            if (name.StartsWith('.') || name.StartsWith('_'))
            {
                continue;
            }

            if (!File.Exists(Path.Combine(folder, PluginManifestReader.FileName)))
            {
                var notAPlugin = new PluginRuntime(folder, manifest: null);
                notAPlugin.SetState(Letta.Plugins.PluginState.Incompatible,
                    $"Folder '{name}' has no {PluginManifestReader.FileName}, so it is not a plugin. Publish the plugin with its manifest, or remove the folder.");
                runtimes.Add(notAPlugin);
                continue;
            }

            PluginManifest? manifest = PluginManifestReader.TryRead(folder, out string? problem);
            var runtime = new PluginRuntime(folder, manifest);
            if (manifest is null)
            {
                runtime.SetState(Letta.Plugins.PluginState.Incompatible, $"Folder '{name}': {problem}");
            }

            runtimes.Add(runtime);
        }

        RejectDuplicates(runtimes);
        return runtimes;
    }

    private static void RejectDuplicates(List<PluginRuntime> runtimes)
    {
        foreach (IGrouping<string, PluginRuntime> group in runtimes.Where(r => r.Manifest is not null).GroupBy(r => r.Manifest!.Id, StringComparer.Ordinal))
        {
            if (group.Count() < 2)
            {
                continue;
            }

            string folders = string.Join(", ", group.Select(r => $"'{Path.GetFileName(r.Folder)}'"));
            foreach (PluginRuntime runtime in group)
            {
                runtime.SetState(Letta.Plugins.PluginState.Conflict,
                    $"Plugin id '{group.Key}' is declared by {group.Count()} folders ({folders}); none is loaded. Remove all but one of them.");
            }
        }
    }
}

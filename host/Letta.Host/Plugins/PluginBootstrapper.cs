using Letta.Host.Configuration;
using Letta.Plugins;

namespace Letta.Host.Plugins;

/// <summary>
/// Runs discover → preflight → order → load → compose for every plugin folder. Each step is guarded per plugin:
/// a failure gives that plugin a state and a reason, and the rest carry on.
/// </summary>
internal sealed class PluginBootstrapper(
    PluginDiscovery discovery,
    PluginPreflight preflight,
    PluginComposer composer,
    ILogger<PluginBootstrapper> logger)
{
    public PluginCatalog Bootstrap(string pluginsDirectory, PluginsFile pluginsFile)
    {
        List<PluginRuntime> all = discovery.Discover(pluginsDirectory);
        WarnAboutUnknownIds(all, pluginsFile);

        foreach (PluginRuntime runtime in all.Where(r => r.IsViable))
        {
            if (!pluginsFile.For(runtime.Id).Enabled)
            {
                runtime.SetState(PluginState.Disabled, $"Disabled in {pluginsFile.Path ?? "plugins.json"}. Set \"enabled\": true to load it.");
                continue;
            }

            preflight.Check(runtime);
        }

        List<PluginRuntime> ordered = DependencyResolver.Order(all);
        var byId = ordered.ToDictionary(r => r.Id, StringComparer.Ordinal);

        // Ordering already rejected missing and out-of-range dependencies; a dependency can still fail to load below.
        foreach (PluginRuntime runtime in ordered)
        {
            if (runtime.Manifest!.Dependencies.Any(d => !byId.TryGetValue(d.Id, out PluginRuntime? dependency) || !dependency.IsViable))
            {
                runtime.SetState(PluginState.MissingDependency, "A plugin it depends on failed to load; see that plugin's state.");
                continue;
            }

            if (PluginGuard.Try(runtime, "Loading", () => PluginAssemblyLoader.Load(runtime))
                && PluginGuard.Try(runtime, "Activating the plugin", () => runtime.Plugin = PluginAssemblyLoader.Activate(runtime)))
            {
                PluginGuard.Try(runtime, "Composing", () => composer.Compose(runtime, pluginsFile.For(runtime.Id)));
            }
        }

        foreach (PluginRuntime runtime in all.Where(r => !r.IsViable))
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["PluginId"] = runtime.Id }))
            {
                LogLevel level = runtime.State == PluginState.Disabled ? LogLevel.Information : LogLevel.Warning;
                if (logger.IsEnabled(level))
                {
                    logger.Log(level, "Plugin {PluginId} is {State}: {Reason}", runtime.Id, runtime.State, runtime.Reason);
                }
            }
        }

        return new PluginCatalog(all, ordered.Where(r => r.IsViable).ToList(), pluginsDirectory);
    }

    private void WarnAboutUnknownIds(List<PluginRuntime> all, PluginsFile pluginsFile)
    {
        foreach (string id in pluginsFile.Plugins.Keys.Where(id => all.All(r => r.Id != id)))
        {
            logger.LogWarning("{PluginsFile} configures plugin '{PluginId}', but no plugin with that id is installed in the plugins folder", pluginsFile.Path, id);
        }
    }
}

using System.Reflection;

namespace Letta.Host.Hosting;

/// <summary>Where the plugins folder and plugins.json are when nothing says otherwise.</summary>
internal static class PluginsLocations
{
    public static string ResolvePluginsDirectory(LettaHostOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PluginsDirectory))
        {
            return Path.GetFullPath(LettaHome.ExpandHome(options.PluginsDirectory));
        }

        string besideExecutable = Path.Combine(AppContext.BaseDirectory, "plugins");
        if (Directory.Exists(besideExecutable))
        {
            return besideExecutable;
        }

        // A build from the repository publishes every plugin into artifacts/plugins; the path is baked in at build time.
        string? repoDefault = BuildDefault("LettaDefaultPluginsDirectory");
        return Path.GetFullPath(repoDefault ?? besideExecutable);
    }

    /// <summary>
    /// The explicit path, else <c>$LETTA_HOME/plugins.json</c>, else <c>./plugins.json</c>, else (in a build from the
    /// repository) the repository's <c>plugins.json</c>, else none.
    /// </summary>
    public static string? ResolvePluginsConfig(LettaHostOptions options, LettaHome home)
    {
        if (!string.IsNullOrWhiteSpace(options.PluginsConfig))
        {
            return Path.GetFullPath(LettaHome.ExpandHome(options.PluginsConfig));
        }

        if (File.Exists(home.PluginsConfigPath))
        {
            return home.PluginsConfigPath;
        }

        string local = Path.GetFullPath("plugins.json");
        if (File.Exists(local))
        {
            return local;
        }

        string? repoDefault = BuildDefault("LettaDefaultPluginsConfig");
        return repoDefault is not null && File.Exists(repoDefault) ? repoDefault : null;
    }

    private static string? BuildDefault(string key) =>
        typeof(PluginsLocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}

namespace Letta.Host.Hosting;

/// <summary>
/// The Letta home directory (<c>$LETTA_HOME</c>, default <c>~/.letta</c>) and the well-known paths in it.
/// The CLI reads <see cref="ServerInfoPath"/> and <see cref="ApiKeyPath"/> from here to reach a running server.
/// </summary>
internal sealed class LettaHome
{
    public const string EnvironmentVariable = "LETTA_HOME";

    public LettaHome(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string ApiKeyPath => Path.Combine(Root, "api-key");

    public string ServerInfoPath => Path.Combine(Root, "server.json");

    public string LogsDirectory => Path.Combine(Root, "logs");

    public string PluginsConfigPath => Path.Combine(Root, "plugins.json");

    public static LettaHome Resolve()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new LettaHome(ExpandHome(configured));
        }

        return new LettaHome(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".letta"));
    }

    public static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;

    public string PluginDataDirectory(string pluginId) => Path.Combine(Root, "plugins", pluginId);

    public void EnsureCreated()
    {
        FilePermissions.EnsurePrivateDirectory(Root);
        FilePermissions.EnsurePrivateDirectory(LogsDirectory);
        FilePermissions.EnsurePrivateDirectory(Path.Combine(Root, "plugins"));
    }
}

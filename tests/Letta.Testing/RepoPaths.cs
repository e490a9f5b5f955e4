namespace Letta.Testing;

/// <summary>Paths in the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding Letta.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Where the build publishes first-party and sample plugins.</summary>
    public static string PluginsArtifacts => Path.Combine(RepoRoot, "artifacts", "plugins");

    /// <summary>Where the build publishes the fixture plugins of the loader tests.</summary>
    public static string TestPluginsArtifacts => Path.Combine(RepoRoot, "artifacts", "testplugins");

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The host's entry assembly, <c>letta.dll</c>, of the same configuration.</summary>
    public static string HostAssembly
    {
        get
        {
            string path = Path.Combine(RepoRoot, "host", "Letta.Host", "bin", Configuration, "net10.0", "letta.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The host is not built at {path}; build the solution first.", path);
        }
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Letta.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Letta.sln not found above {AppContext.BaseDirectory}");
    }
}

using System.Reflection;

namespace Letta.Testing;

/// <summary>
/// Paths of the checkout the tests were built from. Each comes from an attribute the build wrote into this assembly
/// (see Letta.Testing.csproj), so nothing is guessed from the folder the tests happen to run in.
/// </summary>
public static class RepoPaths
{
    /// <summary>The folder holding Letta.sln.</summary>
    public static string RepoRoot => Metadata("LettaRepoRoot");

    /// <summary>Where the build publishes first-party and sample plugins.</summary>
    public static string PluginsArtifacts => Path.Combine(Metadata("LettaArtifacts"), "plugins");

    /// <summary>Where the build publishes the fixture plugins of the loader tests.</summary>
    public static string TestPluginsArtifacts => Path.Combine(Metadata("LettaArtifacts"), "testplugins");

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration => Metadata("LettaConfiguration");

    /// <summary>The host's entry assembly, <c>letta.dll</c>, of the same configuration.</summary>
    public static string HostAssembly
    {
        get
        {
            string path = Metadata("LettaHostAssembly");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The host is not built at {path}; build the solution first.", path);
        }
    }

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value
            ? Path.TrimEndingDirectorySeparator(value)
            : throw new InvalidOperationException($"Letta.Testing was built without the {key} attribute; build it with the repository's MSBuild files.");
}

using Letta.Testing;

namespace Letta.Plugins.Memory.Benchmarks;

/// <summary>
/// A private plugins folder for the benchmark's hosts: the published plugin (deps.json, native SQLite, manifest)
/// with the plugin assembly replaced by this benchmark's own Release build of it, so a concurrent Debug build of the
/// repository cannot swap the code under measurement.
/// </summary>
internal sealed class PluginSnapshot : IDisposable
{
    private PluginSnapshot(string directory) => Directory = directory;

    public string Directory { get; }

    public static PluginSnapshot Create()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("letta-bench-plugins-").FullName;
        var source = Path.Combine(RepoPaths.PluginsArtifacts, "memory");
        var target = Path.Combine(root, "memory");
        foreach (var dir in System.IO.Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            System.IO.Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }

        foreach (var name in new[] { "Letta.Plugins.Memory.dll", "Letta.Plugins.Memory.pdb" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, name), Path.Combine(target, name), overwrite: true);
        }

        return new PluginSnapshot(root);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

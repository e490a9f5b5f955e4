using System.Text.Json.Nodes;

namespace Letta.Host.Tests.Support;

/// <summary>A temp plugins folder filled with copies of published fixture plugins, removed on dispose.</summary>
internal sealed class PluginsFolder : IDisposable
{
    public PluginsFolder()
    {
        Path = Directory.CreateTempSubdirectory("letta-test-plugins-").FullName;
    }

    public string Path { get; }

    public string AddTestPlugin(string id, string? folderName = null, Action<JsonObject>? editManifest = null) =>
        Add(System.IO.Path.Combine(RepoPaths.TestPluginsArtifacts, id), folderName ?? id, editManifest);

    public string AddPlugin(string id, string? folderName = null) =>
        Add(System.IO.Path.Combine(RepoPaths.PluginsArtifacts, id), folderName ?? id, editManifest: null);

    public string AddFolder(string folderName, params (string File, byte[] Content)[] files)
    {
        string folder = System.IO.Path.Combine(Path, folderName);
        Directory.CreateDirectory(folder);
        foreach ((string file, byte[] content) in files)
        {
            File.WriteAllBytes(System.IO.Path.Combine(folder, file), content);
        }

        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Add(string source, string folderName, Action<JsonObject>? editManifest)
    {
        string target = System.IO.Path.Combine(Path, folderName);
        DirectoryCopy.Copy(source, target);

        if (editManifest is not null)
        {
            string manifestPath = System.IO.Path.Combine(target, "plugin.json");
            JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
            editManifest(manifest);
            File.WriteAllText(manifestPath, manifest.ToJsonString());
        }

        return target;
    }
}

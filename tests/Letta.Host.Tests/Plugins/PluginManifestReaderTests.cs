using Letta.Host.Plugins;

namespace Letta.Host.Tests.Plugins;

public sealed class PluginManifestReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("letta-manifest-").FullName;

    [Fact]
    public void TryRead_ValidManifest_ReturnsIt()
    {
        string folder = Write("echo", """{"id":"echo","name":"Echo","version":"1.2.3","entryAssembly":"Echo.dll","abi":"1.0","dependencies":[{"id":"tasks","version":">=1.0.0 <2.0.0"}]}""");

        PluginManifest manifest = PluginManifestReader.TryRead(folder, out string? problem).ShouldNotBeNull(problem);

        manifest.Version.ShouldBe(new SemanticVersion(1, 2, 3, string.Empty));
        manifest.Dependencies.ShouldHaveSingleItem().Id.ShouldBe("tasks");
    }

    [Theory]
    [InlineData("../evil.dll", "must be a .dll file name inside the plugin folder")]
    [InlineData("/etc/evil.dll", "must be a .dll file name inside the plugin folder")]
    [InlineData("sub/evil.dll", "must be a .dll file name inside the plugin folder")]
    [InlineData("evil.exe", "must be a .dll file name inside the plugin folder")]
    public void TryRead_EntryAssemblyEscapesFolder_IsRejected(string entry, string expected)
    {
        string folder = Write("echo", $$"""{"id":"echo","name":"Echo","version":"1.0.0","entryAssembly":"{{entry}}","abi":"1.0"}""");

        PluginManifestReader.TryRead(folder, out string? problem).ShouldBeNull();

        problem.ShouldNotBeNull().ShouldContain(expected);
    }

    [Theory]
    [InlineData("other", """{"id":"echo","name":"E","version":"1.0.0","entryAssembly":"E.dll","abi":"1.0"}""", "must equal the folder name")]
    [InlineData("Echo", """{"id":"Echo","name":"E","version":"1.0.0","entryAssembly":"E.dll","abi":"1.0"}""", "id must be lower-case")]
    [InlineData("echo", """{"id":"echo","name":"E","version":"one","entryAssembly":"E.dll","abi":"1.0"}""", "not a semantic version")]
    [InlineData("echo", """{"id":"echo","name":"E","version":"1.0.0","entryAssembly":"E.dll","abi":"1"}""", "abi '1'")]
    [InlineData("echo", """{"id":"echo","name":"E","version":"1.0.0","entryAssembly":"E.dll","abi":"1.0","dependencies":[{"id":"x","version":">=banana"}]}""", "version range '>=banana'")]
    [InlineData("echo", """{"id":"echo", """, "not valid JSON")]
    [InlineData("plugins", """{"id":"plugins","name":"E","version":"1.0.0","entryAssembly":"E.dll","abi":"1.0"}""", "reserved")]
    public void TryRead_InvalidManifest_ExplainsProblem(string folderName, string json, string expected)
    {
        string folder = Write(folderName, json);

        PluginManifestReader.TryRead(folder, out string? problem).ShouldBeNull();

        problem.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void TryRead_VersionedFolderName_Accepted()
    {
        string folder = Write("echo@2.0.0", """{"id":"echo","name":"E","version":"2.0.0","entryAssembly":"E.dll","abi":"1.0"}""");

        PluginManifestReader.TryRead(folder, out string? problem).ShouldNotBeNull(problem);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string folderName, string json)
    {
        string folder = Path.Combine(_root, folderName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "plugin.json"), json);
        return folder;
    }
}

namespace Letta.Plugins.Memory.Tests.Plugin;

/// <summary>The plugin follows docs/plugin-anatomy.md where a reader of the assembly can see it.</summary>
public sealed class MemoryPluginShapeTests
{
    [Fact]
    public void ExportedTypes_PluginAssembly_AreOnlyTheEntryClassAndItsRegistration() =>
        typeof(MemoryPlugin).Assembly.GetExportedTypes().ShouldBe([typeof(MemoryPlugin), typeof(MemoryServiceCollectionExtensions)], ignoreOrder: true);
}

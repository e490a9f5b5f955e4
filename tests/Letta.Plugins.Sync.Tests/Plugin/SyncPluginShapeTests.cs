namespace Letta.Plugins.Sync.Tests.Plugin;

/// <summary>The plugin shape (docs/plugin-anatomy.md): only the entry class and its registration are public.</summary>
public sealed class SyncPluginShapeTests
{
    [Fact]
    public void ExportedTypes_PluginAssembly_AreOnlyTheEntryClassAndItsRegistration() =>
        typeof(SyncPlugin).Assembly.GetExportedTypes().ShouldBe([typeof(SyncPlugin), typeof(SyncServiceCollectionExtensions)], ignoreOrder: true);
}

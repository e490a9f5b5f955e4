namespace Letta.Plugins.Tasks.Tests.Plugin;

/// <summary>The plugin follows docs/plugin-anatomy.md where a reader of the assembly can see it.</summary>
public sealed class TasksPluginShapeTests
{
    [Fact]
    public void ExportedTypes_PluginAssembly_AreOnlyTheEntryClassAndItsRegistration() =>
        typeof(TasksPlugin).Assembly.GetExportedTypes().ShouldBe([typeof(TasksPlugin), typeof(TasksServiceCollectionExtensions)], ignoreOrder: true);
}

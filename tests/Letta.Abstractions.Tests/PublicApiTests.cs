using Letta.Plugins;

namespace Letta.Abstractions.Tests;

/// <summary>
/// Guards the ABI: within a major version Letta.Abstractions may only grow. When this fails, review the diff; if the
/// change is intended and additive, copy the received file over PublicApi.approved.txt (and bump the minor).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_ComparedWithApprovedFile_IsUnchanged()
    {
        string received = PublicApiSurface.Render(typeof(ILettaPlugin).Assembly);
        string approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        if (received != approved)
        {
            string receivedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi.received.txt");
            File.WriteAllText(receivedPath, received);
            received.ShouldBe(approved, $"The public API of Letta.Abstractions changed. Review {receivedPath} and, if intended, copy it to tests/Letta.Abstractions.Tests/PublicApi.approved.txt.");
        }
    }

    [Fact]
    public void AssemblyVersion_HasNoBuildOrRevision_SoPluginsBindAcrossPatches()
    {
        Version version = typeof(ILettaPlugin).Assembly.GetName().Version!;

        version.Build.ShouldBe(0);
        version.Revision.ShouldBe(0);
    }

    [Fact]
    public void Contract_ReferencesOnlyFrameworkAndChatAbstractions()
    {
        string[] allowedPrefixes = ["System", "Microsoft.AspNetCore.", "Microsoft.Extensions.", "netstandard"];

        typeof(ILettaPlugin).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !allowedPrefixes.Any(name.StartsWith))
            .ShouldBeEmpty();
    }

    [Fact]
    public void MessageTypes_CrossingPluginBoundaries_AreSealedRecords()
    {
        Type[] messages = typeof(ILettaPlugin).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is "Letta.Memories" or "Letta.Tasks" or "Letta.Sync" || t == typeof(PluginHealthChanged))
            .ToArray();

        messages.ShouldNotBeEmpty();
        messages.ShouldAllBe(t => t.IsSealed && t.GetMethod("<Clone>$") != null);
    }
}

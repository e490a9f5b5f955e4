using Letta.Plugins.Sync.Hosting;

namespace Letta.Plugins.Sync.Tests.Plugin;

/// <summary>The cloud poll's change detection: another device's manifest, never this device's own.</summary>
public sealed class ManifestSnapshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("letta-manifests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ChangedSince_PeerManifestNewOrRewritten_CategoryReported()
    {
        Write("memories", "PEER");
        ManifestSnapshot before = ManifestSnapshot.Take(_dir, "OWN");
        ManifestSnapshot.Take(_dir, "OWN").ChangedSince(before).ShouldBeEmpty();

        Write("memories", "PEER", "a longer body than before");
        Write("code", "OTHER");

        ManifestSnapshot.Take(_dir, "OWN").ChangedSince(before).ShouldBe(["memories", "code"], ignoreOrder: true);
    }

    [Fact]
    public void ChangedSince_OnlyOwnManifestRewritten_NothingReported()
    {
        Write("memories", "OWN");
        ManifestSnapshot before = ManifestSnapshot.Take(_dir, "OWN");

        Write("memories", "OWN", "rewritten by this device");

        ManifestSnapshot.Take(_dir, "OWN").ChangedSince(before).ShouldBeEmpty();
    }

    private void Write(string category, string device, string body = "x")
    {
        Directory.CreateDirectory(Path.Combine(_dir, category));
        File.WriteAllText(Path.Combine(_dir, category, device + ".json.gz"), body);
    }
}

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>A verified manifest of one device for one category.</summary>
internal sealed record PeerManifest(ManifestHeader Header, IReadOnlyList<ManifestEntry> Entries);

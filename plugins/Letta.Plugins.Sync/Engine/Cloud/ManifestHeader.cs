namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>The first line of a manifest file; <see cref="BodySha256"/> detects a partially synced body.</summary>
internal sealed record ManifestHeader(int FormatVersion, string DeviceId, string Category, long Seq, long CreatedAt, string BodySha256, long BodyLength);

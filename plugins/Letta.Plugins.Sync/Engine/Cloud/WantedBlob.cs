namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>Content a device could not get from the cloud folder (missing or damaged there), and for which path.</summary>
internal sealed record WantedBlob(string Sha, long Size, string Path);

namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>What the cloud folder holds for one content hash, as checked by <see cref="BlobVerifier"/>.</summary>
internal enum BlobState
{
    /// <summary>Neither a loose blob nor a pack record.</summary>
    Missing,

    /// <summary>Present, and its size and SHA-256 checked out.</summary>
    Good,

    /// <summary>Present but truncated, corrupt, still arriving, or in a pack that has not arrived: not to be trusted.</summary>
    Damaged,
}

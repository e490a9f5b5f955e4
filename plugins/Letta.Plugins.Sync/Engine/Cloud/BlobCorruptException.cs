namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>A blob is missing, truncated, still uploading or corrupt: "not yet available", never applied.</summary>
/// <param name="message">What is wrong, for the run's errors.</param>
/// <param name="sha">The content asked for, so the device can ask the others to upload it again; null when unknown.</param>
internal sealed class BlobCorruptException(string message, string? sha = null) : IOException(message)
{
    public string? Sha { get; } = sha;
}

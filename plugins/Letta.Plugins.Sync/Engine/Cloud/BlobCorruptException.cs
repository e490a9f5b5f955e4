namespace Letta.Plugins.Sync.Engine.Cloud;

/// <summary>A blob is missing, truncated, still uploading or corrupt: "not yet available", never applied.</summary>
internal sealed class BlobCorruptException(string message) : IOException(message);

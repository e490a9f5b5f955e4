namespace Letta.Plugins.Sync.Tests.Support.Cloud;

/// <summary>
/// One device's copy of the cloud folder and what the simulated client knows about it: the bytes it last saw or
/// wrote per path, the server revision each path holds, files written half so far, and local changes not uploaded.
/// </summary>
internal sealed class CloudView(string name, string directory)
{
    public string Name { get; } = name;

    public string Directory { get; } = directory;

    /// <summary>Relative path → the bytes the client last saw there (delivered, observed or half-written).</summary>
    public Dictionary<string, byte[]> Known { get; } = new(StringComparer.Ordinal);

    /// <summary>Relative path → the number of the server revision this view holds whole.</summary>
    public Dictionary<string, long> Held { get; } = new(StringComparer.Ordinal);

    /// <summary>Half-written deliveries: relative path → the revision being written.</summary>
    public Dictionary<string, CloudRevision> Partial { get; } = new(StringComparer.Ordinal);

    /// <summary>Local changes not yet uploaded: relative path → (bytes or null for a deletion, revision it was based on).</summary>
    public Dictionary<string, (byte[]? Bytes, long BasedOn)> Pending { get; } = new(StringComparer.Ordinal);

    public string Full(string relative) => Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));
}

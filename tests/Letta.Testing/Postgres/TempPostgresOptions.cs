namespace Letta.Testing.Postgres;

/// <summary>How <see cref="TempPostgresCluster"/> starts its own cluster (ignored when an external server is named).</summary>
public sealed record TempPostgresOptions
{
    /// <summary>
    /// Keep fsync and synchronous commit on, as a real server would. Default: <see langword="false"/> — a
    /// throw-away test cluster trades durability for speed.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Extra server settings passed as <c>-c name=value</c>, e.g. <c>shared_buffers</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for the server to accept connections. Default: 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

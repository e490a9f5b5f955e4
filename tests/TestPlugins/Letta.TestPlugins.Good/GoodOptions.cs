namespace Letta.TestPlugins.Good;

/// <summary>Settings of the good fixture, bound from plugins.json <c>plugins:good:settings</c>.</summary>
public sealed class GoodOptions
{
    /// <summary>Returned by GET hello. "degraded" makes the health check report Degraded.</summary>
    public string Greeting { get; set; } = "hello";

    /// <summary>An int with a range, so tests can produce a second field error.</summary>
    public int Limit { get; set; } = 10;
}

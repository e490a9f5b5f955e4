namespace Letta.Samples.EchoConnector.Options;

/// <summary>
/// The echo connector's settings: the <c>settings</c> object of <c>"echo"</c> in <c>plugins.json</c>.
/// The host binds it, validates it with <see cref="EchoOptionsValidator"/> before start and exposes it as
/// <c>IOptions&lt;EchoOptions&gt;</c> / <c>IOptionsMonitor&lt;EchoOptions&gt;</c> in the plugin's container.
/// </summary>
internal sealed class EchoOptions
{
    /// <summary>The largest accepted <see cref="MaxEvents"/>; keeps the in-memory buffer small.</summary>
    public const int MaxEventsLimit = 10_000;

    /// <summary>Put in front of every echoed ping. Default: <c>"echo: "</c>.</summary>
    public string Prefix { get; set; } = "echo: ";

    /// <summary>How many recent hub events are kept in memory (1–10,000). Default: 100.</summary>
    public int MaxEvents { get; set; } = 100;
}

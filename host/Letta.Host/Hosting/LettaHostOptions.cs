namespace Letta.Host.Hosting;

/// <summary>Host settings, from the <c>Letta</c> configuration section, <c>LETTA_*</c> variables and the command line.</summary>
internal sealed class LettaHostOptions
{
    public const string SectionName = "Letta";

    /// <summary>Where the server listens. Default: <c>http://127.0.0.1:8284</c> (loopback only).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8284";

    /// <summary>The plugins folder. Default: the repo's <c>artifacts/plugins</c> in a dev build, else <c>plugins/</c> beside the executable.</summary>
    public string? PluginsDirectory { get; set; }

    /// <summary>The plugins.json path. Default: <c>$LETTA_HOME/plugins.json</c>, else <c>./plugins.json</c>; none is fine.</summary>
    public string? PluginsConfig { get; set; }

    /// <summary>How long one plugin's start may take before it is <c>Faulted</c>. Default: 30 s.</summary>
    public TimeSpan PluginStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days of rolled log files kept. Default: 14.</summary>
    public int LogRetentionDays { get; set; } = 14;

    /// <summary>Size at which a log file rolls over, in bytes. Default: 10 MiB.</summary>
    public long LogFileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;
}

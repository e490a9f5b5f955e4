using System.Globalization;
using Serilog;
using Serilog.Events;

namespace Letta.Host.Hosting;

/// <summary>
/// Serilog to the console and to rolling files in <c>$LETTA_HOME/logs</c> (daily and by size, with retention).
/// Every line shows the plugin id that wrote it, or <c>host</c>.
/// </summary>
internal static class LoggingSetup
{
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] [{PluginId}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] [{PluginId}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    // Numbers and dates in log lines follow the machine's culture, as they did before the format provider was explicit.
    private static readonly IFormatProvider LogCulture = CultureInfo.CurrentCulture;

    public static Serilog.Core.Logger Create(LettaHome home, LettaHostOptions options, bool console)
    {
        LoggerConfiguration configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("PluginId", "host")
            .WriteTo.File(
                Path.Combine(home.LogsDirectory, "letta-.log"),
                outputTemplate: FileTemplate,
                rollingInterval: RollingInterval.Day,
                rollOnFileSizeLimit: true,
                fileSizeLimitBytes: options.LogFileSizeLimitBytes,
                retainedFileTimeLimit: TimeSpan.FromDays(options.LogRetentionDays),
                retainedFileCountLimit: null,
                shared: true,
                formatProvider: LogCulture);
        if (console)
        {
            configuration = configuration.WriteTo.Console(outputTemplate: Template, formatProvider: LogCulture);
        }

        return configuration.CreateLogger();
    }
}

using Letta.Samples.EchoConnector.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letta.Samples.EchoConnector.Hosting;

/// <summary>
/// Work the plugin does when it starts and stops goes in a hosted service like this one: the host starts every
/// <see cref="IHostedService"/> of the plugin's container after its settings validated, with a time-out, and stops
/// them when it stops. A real connector would start a poll loop or a timer here.
/// </summary>
internal sealed partial class EchoStartupLog(IOptions<EchoOptions> options, ILogger<EchoStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Log through ILogger<T>: the host tags every line with the plugin id and writes it to its own sinks.
        LogStarted(logger, options.Value.MaxEvents);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A source-generated log method: no boxing, and nothing is formatted when the level is off.
    [LoggerMessage(Level = LogLevel.Information, Message = "Echo connector started; keeping the last {MaxEvents} events")]
    private static partial void LogStarted(ILogger logger, int maxEvents);
}

using System.Threading.Channels;
using Letta.Host.Ai;
using Letta.Host.Configuration;
using Letta.Host.Hosting;
using Letta.Host.Messaging;
using Letta.Host.Plugins;
using Letta.Memories;
using Letta.Sync;
using Letta.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serilog.Extensions.Logging;

namespace Letta.Benchmarks;

/// <summary>
/// Hub publish→handler between two plugin load contexts (the sample echo plugin's hub facade publishes; the
/// bench-sink plugin's handler, in its own load context with a DI scope per event, answers), next to a bare
/// bounded <see cref="Channel{T}"/> pump and a direct delegate call doing the same work.
/// </summary>
internal static class HubBenchmark
{
    private const int Pings = 5_000;

    public static async Task RunAsync(int events)
    {
        string root = Directory.CreateTempSubdirectory("letta-bench-hub-").FullName;
        try
        {
            List<PipeResult> results = [await MeasureHubAsync(root, events), await MeasureHubCoreAsync(events), await MeasureChannelAsync(events), await MeasureDelegateAsync(events)];
            Report(results, events);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<PipeResult> MeasureHubAsync(string root, int events)
    {
        string plugins = Path.Combine(root, "plugins");
        DirectoryCopy.Copy(Path.Combine(RepoPaths.PluginsArtifacts, "echo"), Path.Combine(plugins, "echo"));
        DirectoryCopy.Copy(Path.Combine(RepoPaths.TestPluginsArtifacts, "bench-sink"), Path.Combine(plugins, "bench-sink"));
        using Serilog.Core.Logger logger = new Serilog.LoggerConfiguration().CreateLogger();
        await using var hub = new MessageHub(new SerilogLoggerFactory(logger));
        var home = new LettaHome(Path.Combine(root, "home"));
        home.EnsureCreated();
        var services = new PluginHostServices(home, logger, hub, TimeProvider.System, new UnconfiguredChatClient(), IsAiConfigured: false);
        PluginCatalog catalog = PluginPipeline.CreateBootstrapper(services, NullLoggerFactory.Instance).Bootstrap(plugins, PluginsFile.Empty);
        var lifecycle = new PluginLifecycleService(catalog, Options.Create(new Letta.Host.Hosting.LettaHostOptions()), NullLogger<PluginLifecycleService>.Instance);
        await lifecycle.StartAsync(CancellationToken.None);
        try
        {
            PluginRuntime echo = catalog.Find("echo")!, sink = catalog.Find("bench-sink")!;
            if (!echo.IsActive || !sink.IsActive)
            {
                throw new InvalidOperationException($"echo is {echo.State} ({echo.Reason}); bench-sink is {sink.State} ({sink.Reason})");
            }

            var replies = new ReplyWaiter();
            await using PluginMessageHub observer = hub.ForPlugin("bench");
            using IDisposable subscription = observer.Subscribe<SyncCompleted>((done, _) =>
            {
                replies.Set(done.FilesSent);
                return ValueTask.CompletedTask;
            });
            PluginMessageHub publisher = echo.Hub!;
            return await new EventPipe("hub (echo → bench-sink, 2 load contexts)", m => publisher.PublishAsync(m), replies).MeasureAsync(events, Pings);
        }
        finally
        {
            await lifecycle.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The hub alone: a delegate subscriber, no plugin container or DI scope per event.</summary>
    private static async Task<PipeResult> MeasureHubCoreAsync(int events)
    {
        using Serilog.Core.Logger logger = new Serilog.LoggerConfiguration().CreateLogger();
        await using var hub = new MessageHub(new SerilogLoggerFactory(logger));
        await using PluginMessageHub publisher = hub.ForPlugin("a");
        await using PluginMessageHub sink = hub.ForPlugin("b");
        await using PluginMessageHub observer = hub.ForPlugin("bench");
        var replies = new ReplyWaiter();
        long handled = 0;
        using IDisposable handler = sink.Subscribe<MemoryDeleted>((message, ct) =>
        {
            long count = Interlocked.Increment(ref handled);
            return message.Version < 0
                ? sink.PublishAsync(new SyncCompleted("bench", message.MemoryId, (int)count, 0, 0, 0, TimeSpan.Zero, message.OccurredAt), ct)
                : ValueTask.CompletedTask;
        });
        using IDisposable answers = observer.Subscribe<SyncCompleted>((done, _) =>
        {
            replies.Set(done.FilesSent);
            return ValueTask.CompletedTask;
        });
        return await new EventPipe("hub core (delegate subscriber, no DI)", m => publisher.PublishAsync(m), replies).MeasureAsync(events, Pings);
    }

    private static async Task<PipeResult> MeasureChannelAsync(int events)
    {
        var replies = new ReplyWaiter();
        var options = new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true };
        Channel<MemoryDeleted> requests = Channel.CreateBounded<MemoryDeleted>(options);
        Channel<SyncCompleted> answers = Channel.CreateBounded<SyncCompleted>(options);
        long handled = 0;
        Task pump = Task.Run(async () =>
        {
            await foreach (MemoryDeleted message in requests.Reader.ReadAllAsync())
            {
                long count = Interlocked.Increment(ref handled);
                if (message.Version < 0)
                {
                    answers.Writer.TryWrite(new SyncCompleted("bench", message.MemoryId, (int)count, 0, 0, 0, TimeSpan.Zero, message.OccurredAt));
                }
            }
        });
        Task answerPump = Task.Run(async () =>
        {
            await foreach (SyncCompleted done in answers.Reader.ReadAllAsync())
            {
                replies.Set(done.FilesSent);
            }
        });

        PipeResult result = await new EventPipe("bare Channel<T> pump", m => requests.Writer.WriteAsync(m), replies).MeasureAsync(events, Pings);
        requests.Writer.Complete();
        answers.Writer.Complete();
        await Task.WhenAll(pump, answerPump);
        return result;
    }

    private static Task<PipeResult> MeasureDelegateAsync(int events)
    {
        var replies = new ReplyWaiter();
        long handled = 0;
        Func<MemoryDeleted, ValueTask> handler = message =>
        {
            long count = Interlocked.Increment(ref handled);
            if (message.Version < 0)
            {
                replies.Set(count);
            }

            return ValueTask.CompletedTask;
        };
        return new EventPipe("direct delegate call", handler, replies).MeasureAsync(events, Pings);
    }

    private static void Report(List<PipeResult> results, int events)
    {
        PipeResult hub = results[0];
        Console.WriteLine($"Hub benchmark: {events:N0} events in bursts of 512 (each ends with a marker the handler answers), then {Pings:N0} single round trips.");
        Console.WriteLine($"{"pipe",-42} {"events/s",14} {"RT p50 µs",11} {"RT p95 µs",11} {"hub÷this thr",13} {"hub÷this p50",13}");
        foreach (PipeResult r in results)
        {
            Console.WriteLine($"{r.Name,-42} {r.EventsPerSecond,14:N0} {r.RoundTripP50Microseconds,11:F1} {r.RoundTripP95Microseconds,11:F1} {hub.EventsPerSecond / r.EventsPerSecond,13:F2} {hub.RoundTripP50Microseconds / r.RoundTripP50Microseconds,13:F2}");
        }
    }
}

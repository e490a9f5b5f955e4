using Letta.Host.Ai;
using Letta.Host.Configuration;
using Letta.Host.Hosting;
using Letta.Host.Messaging;
using Letta.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serilog.Extensions.Logging;

namespace Letta.Host.Tests.Support;

/// <summary>
/// The host's real plugin pipeline (discovery, preflight, real loader, containers, start) run in this process on a
/// fixture plugins folder, for fast state assertions. HTTP-level behaviour is tested against the real executable.
/// </summary>
internal sealed class BootstrapHarness : IAsyncDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("letta-test-home-").FullName;
    private readonly Serilog.Core.Logger _logger = new Serilog.LoggerConfiguration().CreateLogger();
    private PluginLifecycleService? _lifecycle;

    public BootstrapHarness()
    {
        Hub = new MessageHub(new SerilogLoggerFactory(_logger));
    }

    public PluginsFolder Plugins { get; } = new();

    public MessageHub Hub { get; }

    public PluginCatalog Bootstrap(string? pluginsJson = null)
    {
        PluginsFile file = pluginsJson is null ? PluginsFile.Empty : PluginsFileReader.Parse("plugins.json", pluginsJson);
        var home = new LettaHome(_home);
        home.EnsureCreated();
        var services = new PluginHostServices(home, _logger, Hub, TimeProvider.System, new UnconfiguredChatClient(), IsAiConfigured: false);
        return PluginPipeline.CreateBootstrapper(services, NullLoggerFactory.Instance).Bootstrap(Plugins.Path, file);
    }

    public async Task<PluginCatalog> StartAsync(string? pluginsJson = null)
    {
        PluginCatalog catalog = Bootstrap(pluginsJson);
        _lifecycle = new PluginLifecycleService(catalog, Options.Create(new Letta.Host.Hosting.LettaHostOptions { PluginStartTimeout = TimeSpan.FromSeconds(20) }), NullLogger<PluginLifecycleService>.Instance);
        await _lifecycle.StartAsync(CancellationToken.None);
        return catalog;
    }

    public async ValueTask DisposeAsync()
    {
        if (_lifecycle is not null)
        {
            await _lifecycle.StopAsync(CancellationToken.None);
        }

        await Hub.DisposeAsync();
        await _logger.DisposeAsync();
        Plugins.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}

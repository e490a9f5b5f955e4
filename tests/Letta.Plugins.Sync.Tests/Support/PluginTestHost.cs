using System.Text;
using Letta.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Sync.Tests.Support;

/// <summary>
/// Hosts the real plugin the way Letta's host does (settings bound to the settings type, context, hub, TimeProvider,
/// endpoints under /api/sync/) on a real Kestrel port, for REST tests without the whole host.
/// </summary>
internal sealed class PluginTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PluginTestHost(WebApplication app, RecordingMessageHub hub, HttpClient client)
    {
        _app = app;
        Hub = hub;
        Client = client;
    }

    public RecordingMessageHub Hub { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<PluginTestHost> StartAsync(string home, string settingsJson)
    {
        IConfiguration settings = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settingsJson))).Build();
        var context = new TestPluginContext("sync", home, settings);
        var plugin = new SyncPlugin();
        var hub = new RecordingMessageHub();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPluginLikeTheHost(plugin, context, hub);
        WebApplication app = builder.Build();
        plugin.MapEndpoints(app.MapGroup("/api/sync"));
        await app.StartAsync();
        string url = app.Urls.First();
        return new PluginTestHost(app, hub, new HttpClient { BaseAddress = new Uri(url) });
    }

    public async Task<HealthReport> HealthAsync() => await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

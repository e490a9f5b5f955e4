using Letta.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Samples.EchoConnector.Tests;

/// <summary>
/// Runs the plugin's endpoints on a real Kestrel at 127.0.0.1:&lt;free port&gt;, under <c>/api/echo/</c> as the
/// host would map them, with the plugin's services in the app's container. No Letta host, no API key.
/// </summary>
internal sealed class EchoTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoTestApp(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public IReadOnlyList<RouteEndpoint> Endpoints =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();

    public static async Task<EchoTestApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        ILettaPlugin plugin = new EchoPlugin();
        builder.Services.AddPluginLikeTheHost(plugin, EchoPluginServices.Context(settings));

        WebApplication app = builder.Build();
        plugin.MapEndpoints(app.MapGroup("/api/echo"));
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EchoTestApp(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

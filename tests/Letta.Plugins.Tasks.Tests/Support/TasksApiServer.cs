using Letta.Plugins.Tasks.Board;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Tests.Support;

/// <summary>
/// The plugin's endpoints on a real Kestrel listener under <c>/api/tasks</c>, wired the way the host wires them
/// (plugin services, then MapEndpoints on the group, then its hosted services), for API contract tests.
/// </summary>
internal sealed class TasksApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TasksApiServer(WebApplication app, string home)
    {
        _app = app;
        Home = home;
    }

    public string Home { get; }

    public TaskBoard Board => _app.Services.GetRequiredService<TaskBoard>();

    public HttpClient Client { get; private set; } = null!;

    public static async Task<TasksApiServer> StartAsync(string home, Dictionary<string, string?> settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var plugin = new TasksPlugin();
        builder.Services.AddPluginLikeTheHost(plugin, new TestPluginContext("tasks", home, settings));
        builder.Services.AddProblemDetails();
        WebApplication app = builder.Build();
        plugin.MapEndpoints(app.MapGroup("/api/tasks"));
        var server = new TasksApiServer(app, home);

        // Starting the app starts the plugin's hosted services (the board worker), as the host would.
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/api/tasks/") };
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

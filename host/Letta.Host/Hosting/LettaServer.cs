using Letta.Host.Http;

namespace Letta.Host.Hosting;

/// <summary>
/// Composes the server as a list of steps. Each <c>AddLetta…</c> step is in <see cref="LettaServiceExtensions"/>,
/// each <c>UseLetta…</c>/<c>MapLetta…</c> step in <see cref="LettaApplicationExtensions"/>; every one of them says
/// in a line what it adds and hands over to the part that does it (Plugins/, Messaging/, Http/, Ai/).
/// </summary>
internal static class LettaServer
{
    public static WebApplication Build(ServerOverrides overrides)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddLettaHome();
        builder.AddLettaConfiguration(overrides);
        builder.AddLettaLogging(overrides.Console);
        builder.AddLettaAi();
        builder.AddLettaHub();
        builder.AddLettaPlugins();
        builder.AddLettaHttp();

        WebApplication app = builder.Build();
        app.UseLettaHttp();
        app.MapLettaHealth();
        app.MapLettaPlugins();
        app.MapLettaOpenApi();
        app.MapLettaPluginEndpoints();
        app.UseLettaServerInfo();
        app.LogLettaStartup();
        return app;
    }
}

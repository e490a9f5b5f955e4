using Letta.Host.Configuration;
using Letta.Host.Ai;
using Letta.Host.Http;
using Letta.Host.Plugins;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Letta.Host.Hosting;

/// <summary>
/// The pipeline steps of <see cref="LettaServer.Build"/>. The endpoint steps live with their endpoints:
/// <see cref="HealthApi.MapLettaHealth"/>, <see cref="PluginsApi.MapLettaPlugins"/> and
/// <see cref="PluginEndpointMapper.MapLettaPluginEndpoints(WebApplication)"/>.
/// </summary>
internal static class LettaApplicationExtensions
{
    /// <summary>
    /// Problem details for errors, the API key on every <c>/api</c> route, routing, and each plugin endpoint run in
    /// a scope of its plugin's own container.
    /// </summary>
    public static WebApplication UseLettaHttp(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRouting();
        app.UseMiddleware<PluginRequestMiddleware>();
        return app;
    }

    /// <summary>The OpenAPI document of the whole API, host and plugins, at <c>/api/openapi/v1.json</c>.</summary>
    public static WebApplication MapLettaOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/api/openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// <c>$LETTA_HOME/server.json</c> (URL and process) once listening, so CLI verbs find the server; removed on stop.
    /// </summary>
    public static WebApplication UseLettaServerInfo(this WebApplication app)
    {
        LettaHome home = app.Services.GetRequiredService<LettaHome>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            string? url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (url is not null)
            {
                ServerInfoFile.Write(home, url);
            }
        });
        app.Lifetime.ApplicationStopping.Register(() => ServerInfoFile.DeleteIfOurs(home));
        return app;
    }

    /// <summary>Where the home, plugins and settings are, and whether AI has a key.</summary>
    public static WebApplication LogLettaStartup(this WebApplication app)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Letta");
        if (logger.IsEnabled(LogLevel.Information))
        {
            string home = app.Services.GetRequiredService<LettaHome>().Root;
            string pluginsDirectory = app.Services.GetRequiredService<PluginCatalog>().PluginsDirectory;
            string? pluginsConfig = app.Services.GetRequiredService<PluginsConfiguration>().Path;
            logger.LogInformation("Letta home {Home}; plugins from {PluginsDirectory}; settings from {PluginsConfig}", home, pluginsDirectory, pluginsConfig ?? "(no plugins.json: defaults)");
        }

        if (!app.Services.GetRequiredService<AiStatus>().IsConfigured)
        {
            logger.LogInformation("No AI key configured (LETTA_AI_API_KEY or GEMINI_API_KEY): AI features use deterministic fallbacks");
        }

        return app;
    }
}

using Letta.Host.Ai;
using Letta.Host.Configuration;
using Letta.Host.Http;
using Letta.Host.Messaging;
using Letta.Host.Plugins;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Logging;

namespace Letta.Host.Hosting;

/// <summary>Composes the server: home, key, logging, plugins, hub, HTTP pipeline.</summary>
internal static class LettaServer
{
    public static WebApplication Build(ServerOverrides overrides, string[]? args = null)
    {
        var home = LettaHome.Resolve();
        home.EnsureCreated();

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(EnvironmentOverrides(overrides));

        LettaHostOptions options = builder.Configuration.GetSection(LettaHostOptions.SectionName).Get<LettaHostOptions>() ?? new LettaHostOptions();
        ValidateOptionsResult validation = new LettaHostOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(LettaHostOptions.SectionName, typeof(LettaHostOptions), validation.Failures);
        }

        string? pluginsConfigPath = PluginsLocations.ResolvePluginsConfig(options, home);
        PluginsFile pluginsFile = pluginsConfigPath is null ? PluginsFile.Empty : PluginsFileReader.Read(pluginsConfigPath);

        Serilog.Core.Logger serilog = LoggingSetup.Create(home, options, overrides.Console);
        builder.Services.AddSerilog(serilog, dispose: true);
        var loggerFactory = new SerilogLoggerFactory(serilog);

        AiOptions ai = builder.Configuration.GetSection(AiOptions.SectionName).Get<AiOptions>() ?? new AiOptions();
        (Microsoft.Extensions.AI.IChatClient chatClient, bool aiConfigured) = ChatClientFactory.Create(ai);
        var hub = new MessageHub(loggerFactory);
        var hostServices = new PluginHostServices(home, serilog, hub, TimeProvider.System, chatClient, aiConfigured);

        string pluginsDirectory = PluginsLocations.ResolvePluginsDirectory(options);
        PluginCatalog catalog = PluginPipeline.CreateBootstrapper(hostServices, loggerFactory).Bootstrap(pluginsDirectory, pluginsFile);

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(home);
        builder.Services.AddSingleton(new ApiKey(ApiKeyStore.LoadOrCreate(home)));
        builder.Services.AddSingleton(hub);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(chatClient);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<PluginHealthEvaluator>();
        builder.Services.AddHostedService<PluginLifecycleService>();
        builder.Services.AddHostedService<PluginHealthMonitor>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        WebApplication app = builder.Build();
        ConfigurePipeline(app, catalog);
        WriteServerInfoOnStart(app, home);
        LogStartup(app, home, pluginsDirectory, pluginsConfigPath, aiConfigured);
        return app;
    }

    private static void ConfigurePipeline(WebApplication app, PluginCatalog catalog)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRouting();
        app.UseMiddleware<PluginRequestMiddleware>();

        app.MapHealthApi();
        app.MapPluginsApi();
        app.MapOpenApi("/api/openapi/{documentName}.json");
        PluginEndpointMapper.MapAll(app, catalog);
    }

    private static void WriteServerInfoOnStart(WebApplication app, LettaHome home)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            string? url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (url is not null)
            {
                ServerInfoFile.Write(home, url);
            }
        });
        app.Lifetime.ApplicationStopping.Register(() => ServerInfoFile.DeleteIfOurs(home));
    }

    private static void LogStartup(WebApplication app, LettaHome home, string pluginsDirectory, string? pluginsConfig, bool aiConfigured)
    {
        Microsoft.Extensions.Logging.ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Letta");
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Letta home {Home}; plugins from {PluginsDirectory}; settings from {PluginsConfig}", home.Root, pluginsDirectory, pluginsConfig ?? "(no plugins.json: defaults)");
        }

        if (!aiConfigured)
        {
            logger.LogInformation("No AI key configured (LETTA_AI_API_KEY or GEMINI_API_KEY): AI features use deterministic fallbacks");
        }
    }

    private static Dictionary<string, string?> EnvironmentOverrides(ServerOverrides overrides)
    {
        var values = new Dictionary<string, string?>();
        Add(values, "Letta:Urls", overrides.Urls ?? Environment.GetEnvironmentVariable("LETTA_URLS"));
        Add(values, "Letta:PluginsDirectory", overrides.PluginsDirectory ?? Environment.GetEnvironmentVariable("LETTA_PLUGINS_DIR"));
        Add(values, "Letta:PluginsConfig", overrides.PluginsConfig ?? Environment.GetEnvironmentVariable("LETTA_PLUGINS_CONFIG"));
        return values;
    }

    private static void Add(Dictionary<string, string?> values, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[key] = value;
        }
    }
}

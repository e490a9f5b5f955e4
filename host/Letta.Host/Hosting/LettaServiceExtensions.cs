using Letta.Host.Ai;
using Letta.Host.Configuration;
using Letta.Host.Http;
using Letta.Host.Messaging;
using Letta.Host.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Logging;

namespace Letta.Host.Hosting;

/// <summary>
/// The service steps of <see cref="LettaServer.Build"/>, in the order it calls them. The host's own objects are
/// made here, before the container exists (plugins are loaded and composed before the app is built), and registered
/// as instances, which later steps read back with <see cref="Registered{T}"/>.
/// </summary>
internal static class LettaServiceExtensions
{
    /// <summary><c>$LETTA_HOME</c> (default <c>~/.letta</c>), created if missing.</summary>
    public static WebApplicationBuilder AddLettaHome(this WebApplicationBuilder builder)
    {
        var home = LettaHome.Resolve();
        home.EnsureCreated();
        builder.Services.AddSingleton(home);
        return builder;
    }

    /// <summary>
    /// The host's options (<c>Letta</c> section; command line, then <c>LETTA_*</c> variables win), validated, and the
    /// user's <c>plugins.json</c>. Throws <see cref="OptionsValidationException"/> or <see cref="PluginsFileException"/>.
    /// </summary>
    public static WebApplicationBuilder AddLettaConfiguration(this WebApplicationBuilder builder, ServerOverrides overrides)
    {
        builder.Configuration.AddInMemoryCollection(overrides.ToConfiguration());
        LettaHostOptions options = builder.Configuration.GetSection(LettaHostOptions.SectionName).Get<LettaHostOptions>() ?? new LettaHostOptions();
        ValidateOptionsResult validation = new LettaHostOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(LettaHostOptions.SectionName, typeof(LettaHostOptions), validation.Failures);
        }

        string? pluginsConfigPath = PluginsLocations.ResolvePluginsConfig(options, builder.Services.Registered<LettaHome>());
        PluginsFile pluginsFile = pluginsConfigPath is null ? PluginsFile.Empty : PluginsFileReader.Read(pluginsConfigPath);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(new PluginsConfiguration(pluginsConfigPath, pluginsFile));
        builder.WebHost.UseUrls(options.Urls);
        return builder;
    }

    /// <summary>Serilog to rolling files in <c>$LETTA_HOME/logs</c> (and the console); every line names its plugin.</summary>
    public static WebApplicationBuilder AddLettaLogging(this WebApplicationBuilder builder, bool console)
    {
        LettaHostOptions options = builder.Services.Registered<IOptions<LettaHostOptions>>().Value;
        Serilog.Core.Logger serilog = LoggingSetup.Create(builder.Services.Registered<LettaHome>(), options, console);
        builder.Services.AddSerilog(serilog, dispose: true);
        builder.Services.AddSingleton<Serilog.ILogger>(serilog);
        return builder;
    }

    /// <summary>The one chat client every plugin gets (Gemini, or any OpenAI-compatible endpoint; a stand-in without a key).</summary>
    public static WebApplicationBuilder AddLettaAi(this WebApplicationBuilder builder)
    {
        AiOptions ai = builder.Configuration.GetSection(AiOptions.SectionName).Get<AiOptions>() ?? new AiOptions();
        (IChatClient chatClient, bool configured) = ChatClientFactory.Create(ai);
        builder.Services.AddSingleton(chatClient);
        builder.Services.AddSingleton(new AiStatus(configured));
        return builder;
    }

    /// <summary>The message hub plugins talk through (<see cref="MessageHub"/>).</summary>
    public static WebApplicationBuilder AddLettaHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new MessageHub(builder.LoggerFactory()));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// Every plugin folder discovered, preflighted, loaded and composed (<see cref="PluginPipeline"/>), into the
    /// <see cref="PluginCatalog"/>; started and stopped with the host, and its health watched.
    /// </summary>
    public static WebApplicationBuilder AddLettaPlugins(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        var hostServices = new PluginHostServices(
            services.Registered<LettaHome>(),
            services.Registered<Serilog.ILogger>(),
            services.Registered<MessageHub>(),
            services.Registered<TimeProvider>(),
            services.Registered<IChatClient>(),
            services.Registered<AiStatus>().IsConfigured);
        string pluginsDirectory = PluginsLocations.ResolvePluginsDirectory(services.Registered<IOptions<LettaHostOptions>>().Value);
        PluginCatalog catalog = PluginPipeline.CreateBootstrapper(hostServices, builder.LoggerFactory())
            .Bootstrap(pluginsDirectory, services.Registered<PluginsConfiguration>().File);
        services.AddSingleton(catalog);
        services.AddSingleton<PluginHealthEvaluator>();
        services.AddHostedService<PluginLifecycleService>();
        services.AddHostedService<PluginHealthMonitor>();
        return builder;
    }

    /// <summary>The API key every <c>/api</c> route requires, problem details, the OpenAPI document and Kestrel's settings.</summary>
    public static WebApplicationBuilder AddLettaHttp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new ApiKey(ApiKeyStore.LoadOrCreate(builder.Services.Registered<LettaHome>())));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>An object an earlier step registered as an instance.</summary>
    private static T Registered<T>(this IServiceCollection services)
        where T : class =>
        services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService)?.ImplementationInstance as T
        ?? throw new InvalidOperationException($"{typeof(T).Name} is registered by an earlier step of LettaServer.Build.");

    // One factory over the host's Serilog logger for the objects made before the container (hub, plugin loading).
    private static SerilogLoggerFactory LoggerFactory(this WebApplicationBuilder builder) =>
        new(builder.Services.Registered<Serilog.ILogger>());
}

using Letta.Host.Configuration;
using Letta.Host.Hosting;
using Letta.Plugins;
using Serilog.Extensions.Logging;

namespace Letta.Host.Plugins;

/// <summary>
/// Builds one service container per plugin. No plugin type is ever registered in the host's container:
/// that would pin the plugin's load context and mix its lifetime with the host's.
/// </summary>
internal sealed class PluginComposer(PluginHostServices host)
{
    public void Compose(PluginRuntime runtime, PluginEntry entry)
    {
        var settingsErrors = new List<string>();
        IConfiguration settings = PluginSettingsFactory.Create(entry.Settings, Environment.GetEnvironmentVariable, settingsErrors);
        if (settingsErrors.Count > 0)
        {
            runtime.SetState(PluginState.InvalidConfiguration, "Invalid settings in plugins.json: " + string.Join("; ", settingsErrors));
            return;
        }

        string dataDirectory = FilePermissions.EnsurePrivateDirectory(host.Home.PluginDataDirectory(runtime.Id));
        var context = new PluginContext(runtime.Id, runtime.Manifest!.Version.ToString(), dataDirectory, host.Home.Root, settings, host.IsAiConfigured);

        var services = new ServiceCollection();
        AddForwardedServices(services, runtime, context);
        ILettaPlugin plugin = runtime.Plugin!;
        if (!PluginGuard.Try(runtime, "ConfigureServices", () => plugin.ConfigureServices(services, context)))
        {
            return;
        }

        PluginScanner.RegisterHandlersAndValidators(services, runtime);
        Type? settingsType = null;
        if (!PluginGuard.Try(runtime, "SettingsType", () => settingsType = plugin.SettingsType))
        {
            return;
        }

        object? boundSettings = null;
        if (settingsType is not null)
        {
            boundSettings = PluginSettingsBinder.Bind(services, settings, settingsType, settingsErrors);
        }

        services.AddSingleton(new PluginServiceTypes(services.Select(d => (d.ServiceType, d.IsKeyedService ? null : d.ImplementationType)).ToList()));
        IServiceProvider? provider = null;
        if (!PluginGuard.Try(runtime, "building its service container", () => provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = false })))
        {
            return;
        }

        runtime.Services = provider;
        if (boundSettings is not null)
        {
            PluginSettingsValidation.Validate(boundSettings, settingsType!, provider!, runtime, settingsErrors);
        }

        if (settingsErrors.Count > 0)
        {
            runtime.SetState(PluginState.InvalidConfiguration, "Invalid settings in plugins.json: " + string.Join("; ", settingsErrors));
            return;
        }

        PluginGuard.Try(runtime, "Commands", () => runtime.Commands = plugin.Commands ?? []);
    }

    private void AddForwardedServices(ServiceCollection services, PluginRuntime runtime, PluginContext context)
    {
        // Every line the plugin logs carries its id (the Serilog output template shows PluginId).
        var loggerFactory = new SerilogLoggerFactory(host.Logger.ForContext("PluginId", runtime.Id), dispose: false);
        services.AddSingleton<ILoggerFactory>(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions();
        runtime.Hub = host.Hub.ForPlugin(runtime.Id);
        services.AddSingleton<Letta.Messaging.IMessageHub>(runtime.Hub);
        services.AddSingleton<IPluginContext>(context);
        services.AddSingleton(host.TimeProvider);
        services.AddSingleton(host.ChatClient);
        services.AddHttpClient();
        services.ConfigureHttpClientDefaults(builder => builder.AddStandardResilienceHandler());
        services.AddHealthChecks();
    }
}

using System.Reflection;
using Letta.Messaging;
using Letta.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Letta.Testing;

/// <summary>
/// Composes and starts a plugin the way the host does, for tests that run a plugin without the host: forwarded host
/// services, the plugin's own <see cref="ILettaPlugin.ConfigureServices"/>, its settings bound once to
/// <see cref="ILettaPlugin.SettingsType"/>, and the hub handlers of its entry assembly registered per message scope.
/// </summary>
public static class PluginTestServices
{
    private static readonly MethodInfo BindSettingsMethod =
        typeof(PluginTestServices).GetMethod(nameof(BindSettings), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Fills <paramref name="services"/> as the host fills a plugin container.</summary>
    /// <param name="services">The container to fill (a plain collection or a test web app's).</param>
    /// <param name="plugin">The plugin.</param>
    /// <param name="context">What the host would tell the plugin.</param>
    /// <param name="hub">The hub the plugin sees. Default: a new <see cref="RecordingMessageHub"/>.</param>
    /// <param name="time">The clock the plugin sees. Default: <see cref="TimeProvider.System"/>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddPluginLikeTheHost(
        this IServiceCollection services, ILettaPlugin plugin, IPluginContext context, IMessageHub? hub = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(context);
        services.AddLogging();
        services.AddSingleton(context);
        services.AddSingleton(hub ?? new RecordingMessageHub());
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddHealthChecks();
        plugin.ConfigureServices(services, context);
        if (plugin.SettingsType is { } settingsType)
        {
            BindSettingsMethod.MakeGenericMethod(settingsType).Invoke(null, [services, context.Settings]);
        }

        foreach (Type type in plugin.GetType().Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (Type handler in type.GetInterfaces().Where(IsHandlerInterface))
            {
                services.TryAddEnumerable(ServiceDescriptor.Scoped(handler, type));
            }
        }

        return services;
    }

    /// <summary>Starts the plugin as the host does: <see cref="ILettaPlugin.StartAsync"/>, then its hosted services.</summary>
    /// <param name="services">The plugin's provider.</param>
    /// <param name="plugin">The plugin.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when everything has started.</returns>
    public static async Task StartPluginLikeTheHostAsync(this IServiceProvider services, ILettaPlugin plugin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        await plugin.StartAsync(services, cancellationToken);
        foreach (IHostedService hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(cancellationToken);
        }
    }

    /// <summary>Stops the plugin as the host does: its hosted services in reverse, then <see cref="ILettaPlugin.StopAsync"/>.</summary>
    /// <param name="services">The plugin's provider.</param>
    /// <param name="plugin">The plugin.</param>
    /// <param name="cancellationToken">Cancels the stop.</param>
    /// <returns>A task that completes when everything has stopped.</returns>
    public static async Task StopPluginLikeTheHostAsync(this IServiceProvider services, ILettaPlugin plugin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        foreach (IHostedService hosted in services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(cancellationToken);
        }

        await plugin.StopAsync(services, cancellationToken);
    }

    // As the host binds: once, and an unknown key is an error rather than silently ignored.
    private static void BindSettings<TSettings>(IServiceCollection services, IConfiguration settings)
        where TSettings : class =>
        services.Configure<TSettings>(settings, options => options.ErrorOnUnknownConfiguration = true);

    private static bool IsHandlerInterface(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IMessageHandler<>) || type.GetGenericTypeDefinition() == typeof(IRequestHandler<,>));
}

using Letta.Messaging;
using Letta.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Letta.Samples.EchoConnector.Tests;

/// <summary>
/// Fills a service collection the way the Letta host fills a plugin container: forwarded host services,
/// bound settings, the plugin's own <see cref="ILettaPlugin.ConfigureServices"/>, and the message handlers
/// found in the entry assembly. Reusable for any plugin's tests.
/// </summary>
internal static class EchoPluginServices
{
    public static IServiceCollection AddPluginLikeTheHost(this IServiceCollection services, ILettaPlugin plugin, IPluginContext context)
    {
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(context);

        // The host binds the plugin's `settings` object to SettingsType (EchoOptions here).
        services.AddOptions<EchoOptions>().Bind(context.Settings);

        plugin.ConfigureServices(services, context);

        // The host's scan registers every IMessageHandler<T> of the entry assembly, scoped per message.
        foreach (Type type in plugin.GetType().Assembly.GetExportedTypes().Where(IsMessageHandler))
        {
            services.AddScoped(type);
        }

        return services;
    }

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddPluginLikeTheHost(new EchoPlugin(), new TestPluginContext(settings))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static bool IsMessageHandler(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMessageHandler<>));
}

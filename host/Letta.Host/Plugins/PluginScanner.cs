using System.Reflection;
using Letta.Messaging;

namespace Letta.Host.Plugins;

/// <summary>
/// Scans only the plugin's entry assembly (never the application's dependencies, which do not list plugins)
/// for hub handlers and FluentValidation validators, and registers them in the plugin's container.
/// </summary>
internal static class PluginScanner
{
    public static void RegisterHandlersAndValidators(IServiceCollection services, PluginRuntime runtime)
    {
        Assembly assembly = runtime.Assembly!;
        // A class the plugin registered itself under the same interface is not registered twice.
        var handlersRegistered = RegisteredImplementations(services, IsHandlerInterface);
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(classes => classes.AssignableToAny(typeof(IMessageHandler<>), typeof(IRequestHandler<,>)).Where(t => !handlersRegistered.Contains(t)), publicOnly: false)
            .As(type => type.GetInterfaces().Where(IsHandlerInterface))
            .WithScopedLifetime());

        Type? validatorType = FindValidatorInterface(runtime);
        if (validatorType is not null)
        {
            var validatorsRegistered = RegisteredImplementations(services, i => i.IsGenericType && i.GetGenericTypeDefinition() == validatorType);
            services.Scan(scan => scan.FromAssemblies(assembly)
                .AddClasses(classes => classes.AssignableTo(validatorType).Where(t => !validatorsRegistered.Contains(t)), publicOnly: false)
                .As(type => type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == validatorType))
                .WithTransientLifetime());
        }
    }

    private static HashSet<Type> RegisteredImplementations(IServiceCollection services, Func<Type, bool> serviceTypeFilter) =>
        services.Where(d => serviceTypeFilter(d.ServiceType) && d.ImplementationType is not null).Select(d => d.ImplementationType!).ToHashSet();

    public static bool IsHandlerInterface(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IMessageHandler<>) || type.GetGenericTypeDefinition() == typeof(IRequestHandler<,>));

    /// <summary>
    /// The plugin's own <c>FluentValidation.IValidator&lt;T&gt;</c>. FluentValidation is never shared: each plugin
    /// may use its own version, so the host looks the type up in the plugin's load context by name.
    /// </summary>
    public static Type? FindValidatorInterface(PluginRuntime runtime)
    {
        AssemblyName? reference = runtime.Assembly!.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "FluentValidation");
        if (reference is null || runtime.Loader is null)
        {
            return null;
        }

        return runtime.Loader.LoadContext.LoadFromAssemblyName(reference).GetType("FluentValidation.IValidator`1");
    }
}

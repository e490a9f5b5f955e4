using System.Reflection;

namespace Letta.Host.Plugins;

/// <summary>Binds a plugin's settings to its declared settings type and registers it as <c>IOptions&lt;T&gt;</c>.</summary>
internal static class PluginSettingsBinder
{
    private static readonly MethodInfo ConfigureMethod = typeof(OptionsConfigurationServiceCollectionExtensions)
        .GetMethods()
        .Single(m => m.Name == nameof(OptionsConfigurationServiceCollectionExtensions.Configure)
                     && m.GetParameters().Length == 3
                     && m.GetParameters()[1].ParameterType == typeof(IConfiguration)
                     && m.GetParameters()[2].ParameterType == typeof(Action<BinderOptions>));

    public static object? Bind(IServiceCollection services, IConfiguration settings, Type settingsType, List<string> errors)
    {
        object? bound;
        try
        {
            // Unknown keys are errors: a typo in plugins.json would otherwise be silently ignored.
            bound = settings.Get(settingsType, options => options.ErrorOnUnknownConfiguration = true)
                    ?? Activator.CreateInstance(settingsType);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}");
            return null;
        }

        Action<BinderOptions> binder = options => options.ErrorOnUnknownConfiguration = true;
        ConfigureMethod.MakeGenericMethod(settingsType).Invoke(null, [services, settings, binder]);
        return bound;
    }
}

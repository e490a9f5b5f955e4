using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Letta.Host.Plugins;

/// <summary>
/// Validates bound settings with the plugin's FluentValidation validators (called by shape, since each plugin
/// has its own FluentValidation copy) and with data annotations, collecting field-level messages.
/// </summary>
internal static class PluginSettingsValidation
{
    public static void Validate(object settings, Type settingsType, IServiceProvider provider, PluginRuntime runtime, List<string> errors)
    {
        var annotationResults = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), annotationResults, validateAllProperties: true))
        {
            errors.AddRange(annotationResults.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        Type? validatorOpen = PluginScanner.FindValidatorInterface(runtime);
        if (validatorOpen is null)
        {
            return;
        }

        Type validatorType = validatorOpen.MakeGenericType(settingsType);
        MethodInfo validate = validatorType.GetMethod("Validate", [settingsType])
                              ?? throw new PluginLoadException($"{validatorType} has no Validate({settingsType.Name}) method");
        foreach (object? validator in provider.GetServices(validatorType))
        {
            object result = validate.Invoke(validator, [settings])!;
            foreach (object failure in (IEnumerable)result.GetType().GetProperty("Errors")!.GetValue(result)!)
            {
                string property = failure.GetType().GetProperty("PropertyName")?.GetValue(failure) as string ?? string.Empty;
                string message = failure.GetType().GetProperty("ErrorMessage")?.GetValue(failure) as string ?? failure.ToString()!;
                errors.Add(string.IsNullOrEmpty(property) ? message : $"{ToSettingsKey(property)}: {message}");
            }
        }
    }

    private static string ToSettingsKey(string property) =>
        "settings." + string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

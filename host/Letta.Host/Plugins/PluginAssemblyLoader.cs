using Letta.Plugins;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Letta.Host.Plugins;

/// <summary>
/// Loads a plugin's entry assembly into its own load context (McMaster.NETCore.Plugins), sharing the contract and
/// the framework types that cross the boundary so they keep one identity.
/// </summary>
internal static class PluginAssemblyLoader
{
    private static readonly Type[] SharedTypes =
    [
        typeof(ILettaPlugin),
        typeof(IServiceCollection),
        typeof(ILogger),
        typeof(IConfiguration),
        typeof(IOptions<>),
        typeof(IEndpointRouteBuilder),
        typeof(IHttpClientFactory),
        typeof(IHealthCheck),
        typeof(IChatClient),
    ];

    public static void Load(PluginRuntime runtime)
    {
        string entryPath = Path.GetFullPath(Path.Combine(runtime.Folder, runtime.Manifest!.EntryAssembly));
        PluginLoader loader = PluginLoader.CreateFromAssemblyFile(
            entryPath,
            isUnloadable: false,
            sharedTypes: SharedTypes,
            configure: config => config.PreferSharedTypes = false);
        runtime.Loader = loader;
        runtime.Assembly = loader.LoadDefaultAssembly();
    }

    /// <summary>Finds exactly one public concrete <see cref="ILettaPlugin"/> and creates it.</summary>
    public static ILettaPlugin Activate(PluginRuntime runtime)
    {
        Type[] candidates = runtime.Assembly!.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILettaPlugin).IsAssignableFrom(t))
            .ToArray();
        if (candidates.Length == 0)
        {
            string lookalike = runtime.Assembly.GetExportedTypes().Any(t => t.GetInterfaces().Any(i => i.FullName == typeof(ILettaPlugin).FullName))
                ? " A type implements an ILettaPlugin from a different copy of Letta.Abstractions: do not ship Letta.Abstractions.dll with the plugin."
                : string.Empty;
            throw new PluginLoadException($"'{runtime.Manifest!.EntryAssembly}' has no public class implementing ILettaPlugin.{lookalike}");
        }

        if (candidates.Length > 1)
        {
            throw new PluginLoadException($"'{runtime.Manifest!.EntryAssembly}' has {candidates.Length} ILettaPlugin classes ({string.Join(", ", candidates.Select(c => c.Name))}); keep exactly one.");
        }

        if (candidates[0].GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"{candidates[0].FullName} needs a public parameterless constructor; take services in ConfigureServices instead.");
        }

        try
        {
            return (ILettaPlugin)Activator.CreateInstance(candidates[0])!;
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new PluginLoadException(PluginGuard.Describe($"The constructor of {candidates[0].Name}", ex.InnerException), ex.InnerException);
        }
    }
}

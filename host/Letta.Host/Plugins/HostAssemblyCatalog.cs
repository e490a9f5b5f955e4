using System.Reflection;

namespace Letta.Host.Plugins;

/// <summary>
/// The versions of the assemblies the host shares with plugins (Microsoft.Extensions.*, Microsoft.AspNetCore.*,
/// Letta.*), read from the runtime's trusted platform assembly list. The default load context refuses to bind a
/// higher version than it holds, so a plugin needing one would fail only when its types load.
/// </summary>
internal sealed class HostAssemblyCatalog
{
    private static readonly string[] SharedPrefixes = ["Microsoft.Extensions.", "Microsoft.AspNetCore.", "Letta."];

    private readonly Dictionary<string, Version> _versions;

    public HostAssemblyCatalog(IReadOnlyDictionary<string, Version> versions)
    {
        _versions = new Dictionary<string, Version>(versions, StringComparer.OrdinalIgnoreCase);
    }

    public static Version AbstractionsVersion => typeof(Letta.Plugins.ILettaPlugin).Assembly.GetName().Version!;

    public static HostAssemblyCatalog FromRuntime()
    {
        var versions = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (string path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (!IsShared(name))
            {
                continue;
            }

            try
            {
                Version? version = AssemblyName.GetAssemblyName(path).Version;
                if (version is not null)
                {
                    versions[name] = version;
                }
            }
            catch (BadImageFormatException)
            {
                // A native file that happens to carry a shared prefix is not an assembly the host shares.
            }
        }

        foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            AssemblyName name = assembly.GetName();
            if (name.Name is not null && IsShared(name.Name) && name.Version is not null && !versions.ContainsKey(name.Name))
            {
                versions[name.Name] = name.Version;
            }
        }

        return new HostAssemblyCatalog(versions);
    }

    public static bool IsShared(string assemblyName) =>
        SharedPrefixes.Any(prefix => assemblyName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public Version? VersionOf(string assemblyName) => _versions.GetValueOrDefault(assemblyName);
}

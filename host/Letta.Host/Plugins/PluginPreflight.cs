using System.Reflection;
using Letta.Plugins;

namespace Letta.Host.Plugins;

/// <summary>
/// Checks a plugin folder before any of its code runs: entry assembly present and managed, deps.json present,
/// built against a compatible Letta.Abstractions, and no shared assembly newer than the host's.
/// </summary>
internal sealed class PluginPreflight(HostAssemblyCatalog host)
{
    private const string AbstractionsName = "Letta.Abstractions";

    public void Check(PluginRuntime runtime)
    {
        PluginManifest manifest = runtime.Manifest!;
        string entryPath = Path.Combine(runtime.Folder, manifest.EntryAssembly);
        string? problem = CheckEntry(runtime, manifest, entryPath);
        if (problem is not null)
        {
            runtime.SetState(PluginState.Incompatible, problem);
        }
    }

    private string? CheckEntry(PluginRuntime runtime, PluginManifest manifest, string entryPath)
    {
        if (!File.Exists(entryPath))
        {
            return $"Entry assembly '{manifest.EntryAssembly}' named in plugin.json is not in the folder. Publish the plugin (dotnet publish) into this folder.";
        }

        AssemblyFacts? entry = AssemblyInspector.TryInspect(entryPath);
        if (entry is null)
        {
            return $"Entry assembly '{manifest.EntryAssembly}' is not a managed .NET assembly (native or corrupt file). Rebuild and publish the plugin.";
        }

        string depsJson = Path.ChangeExtension(entryPath, ".deps.json");
        if (!File.Exists(depsJson))
        {
            return $"'{Path.GetFileName(depsJson)}' is missing, so the plugin's dependencies and native libraries cannot be resolved. Publish with 'dotnet publish', which writes it.";
        }

        string? abi = CheckAbi(manifest, entry);
        if (abi is not null)
        {
            return abi;
        }

        if (File.Exists(Path.Combine(runtime.Folder, AbstractionsName + ".dll")))
        {
            runtime.AddWarning($"The folder ships its own {AbstractionsName}.dll; the host's copy is used. Reference the abstractions with Private=\"false\" ExcludeAssets=\"runtime\".");
        }

        return CheckSharedVersions(runtime.Folder, entry);
    }

    private static string? CheckAbi(PluginManifest manifest, AssemblyFacts entry)
    {
        Version hostAbi = HostAssemblyCatalog.AbstractionsVersion;
        AssemblyName? reference = entry.References.FirstOrDefault(r => r.Name == AbstractionsName);
        if (reference?.Version is null)
        {
            return $"'{manifest.EntryAssembly}' does not reference {AbstractionsName}, so it cannot be a Letta plugin.";
        }

        Version built = reference.Version;
        if (built.Major != hostAbi.Major || built.Minor > hostAbi.Minor)
        {
            return $"Built against {AbstractionsName} {built.Major}.{built.Minor}, but this host provides {hostAbi.Major}.{hostAbi.Minor}. " +
                   (built.Major != hostAbi.Major
                       ? $"Use a plugin version built for {AbstractionsName} {hostAbi.Major}.x."
                       : $"Update Letta, or use a plugin version built for {AbstractionsName} {hostAbi.Major}.{hostAbi.Minor} or older.");
        }

        if (manifest.Abi.Major != built.Major || manifest.Abi.Minor != built.Minor)
        {
            return $"plugin.json says abi {manifest.Abi.Major}.{manifest.Abi.Minor} but '{manifest.EntryAssembly}' was built against {AbstractionsName} {built.Major}.{built.Minor}. Fix the manifest.";
        }

        return null;
    }

    private string? CheckSharedVersions(string folder, AssemblyFacts entry)
    {
        var seen = new List<AssemblyFacts> { entry };
        foreach (string dll in Directory.EnumerateFiles(folder, "*.dll"))
        {
            // Non-plugin and native DLLs in the folder are simply not assemblies to compare.
            AssemblyFacts? facts = AssemblyInspector.TryInspect(dll);
            if (facts is not null)
            {
                seen.Add(facts);
            }
        }

        foreach (AssemblyFacts facts in seen)
        {
            foreach (AssemblyName needed in facts.References.Append(facts.Identity))
            {
                if (needed.Name is null || needed.Version is null || !HostAssemblyCatalog.IsShared(needed.Name))
                {
                    continue;
                }

                Version? provided = host.VersionOf(needed.Name);
                if (provided is not null && needed.Version > provided)
                {
                    return $"Needs {needed.Name} {needed.Version} (via {facts.Identity.Name}), but the host provides {provided}. " +
                           "Shared assemblies come from the host: reference Microsoft.Extensions.* and Microsoft.AspNetCore.* at the host's major version (10.0.x), or through FrameworkReference Microsoft.AspNetCore.App.";
                }
            }
        }

        return null;
    }
}

using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Letta.Host.Plugins;

/// <summary>Reads an assembly's identity and references from its metadata without loading it.</summary>
internal static class AssemblyInspector
{
    /// <summary>Returns <see langword="null"/> when the file is not a managed assembly (native, garbage, unreadable).</summary>
    public static AssemblyFacts? TryInspect(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null;
            }

            MetadataReader reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                return null;
            }

            AssemblyDefinition definition = reader.GetAssemblyDefinition();
            var references = new List<AssemblyName>();
            foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
            {
                references.Add(reader.GetAssemblyReference(handle).GetAssemblyName());
            }

            return new AssemblyFacts(definition.GetAssemblyName(), references);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

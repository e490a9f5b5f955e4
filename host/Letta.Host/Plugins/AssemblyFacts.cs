using System.Reflection;

namespace Letta.Host.Plugins;

/// <summary>An assembly's identity and the assemblies it references, read from metadata.</summary>
internal sealed record AssemblyFacts(AssemblyName Identity, IReadOnlyList<AssemblyName> References);

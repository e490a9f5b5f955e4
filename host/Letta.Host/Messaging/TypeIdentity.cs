using System.Runtime.Loader;

namespace Letta.Host.Messaging;

/// <summary>Describes where a type comes from, for identity mix-up errors (same full name, different type).</summary>
internal static class TypeIdentity
{
    /// <summary>True when both types share a full name but are different types (another assembly or load context).</summary>
    public static bool IsTwin(Type a, Type b) => a != b && string.Equals(a.FullName, b.FullName, StringComparison.Ordinal);

    /// <summary>The assembly identity of the type.</summary>
    public static string AssemblyOf(Type type) => type.Assembly.FullName ?? type.Assembly.GetName().Name ?? "(unknown assembly)";

    /// <summary>The name of the load context that loaded the type's assembly.</summary>
    public static string LoadContextOf(Type type)
    {
        AssemblyLoadContext? context = AssemblyLoadContext.GetLoadContext(type.Assembly);
        return context is null ? "(none)" : context.Name ?? $"(unnamed {context.GetType().Name})";
    }

    /// <summary>"assembly 'X' in load context 'Y'".</summary>
    public static string Describe(Type type) => $"assembly '{AssemblyOf(type)}' in load context '{LoadContextOf(type)}'";
}

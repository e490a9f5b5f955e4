using System.Runtime.Loader;

namespace Letta.Host.Tests.Messaging.Support;

/// <summary>
/// This test assembly loaded again into a collectible load context named "other": its types share full names
/// with ours but are different types — exactly what a plugin that ships its own copy of a message type produces.
/// Dependencies (Letta.Abstractions, the host) still resolve from the default context.
/// </summary>
internal sealed class OtherLoadContext : IDisposable
{
    private readonly AssemblyLoadContext _context = new("other", isCollectible: true);

    public OtherLoadContext()
    {
        Assembly = _context.LoadFromAssemblyPath(typeof(OtherLoadContext).Assembly.Location);
    }

    public System.Reflection.Assembly Assembly { get; }

    public Type TwinOf(Type type) => Assembly.GetType(type.FullName!, throwOnError: true)!;

    public object Create(Type type, params object[] args) => Activator.CreateInstance(TwinOf(type), args)!;

    public void Dispose() => _context.Unload();
}

namespace Letta.Host.Plugins;

/// <summary>
/// The service types registered in a plugin's container, captured when it is built; the provider cannot be
/// asked for them afterwards, and the hub needs the handler types to subscribe.
/// </summary>
internal sealed record PluginServiceTypes(IReadOnlyList<Type> Types);

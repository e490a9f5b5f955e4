namespace Letta.Plugins;

/// <summary>The lifecycle state the host reports for a plugin on <c>GET /api/plugins</c>.</summary>
public enum PluginState
{
    /// <summary>Found and its manifest parsed; not yet loaded.</summary>
    Discovered = 0,

    /// <summary><c>enabled: false</c> in <c>plugins.json</c>; the assembly is never loaded.</summary>
    Disabled = 1,

    /// <summary>Rejected before load: bad manifest, ABI or shared-assembly version mismatch, not a managed assembly.</summary>
    Incompatible = 2,

    /// <summary>Another plugin folder declares the same id; every member of the set is rejected.</summary>
    Conflict = 3,

    /// <summary>A declared dependency is absent, not active, or outside the required version range.</summary>
    MissingDependency = 4,

    /// <summary>The plugin's settings failed validation; the reason lists every field error.</summary>
    InvalidConfiguration = 5,

    /// <summary>An exception in the constructor, configuration, endpoint mapping or start, or a dependency cycle.</summary>
    Faulted = 6,

    /// <summary>Started and serving.</summary>
    Active = 7,

    /// <summary>Stopped by the host.</summary>
    Stopped = 8,
}

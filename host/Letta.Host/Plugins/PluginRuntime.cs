using System.Reflection;
using Letta.Cli;
using Letta.Host.Messaging;
using Letta.Plugins;
using McMaster.NETCore.Plugins;

namespace Letta.Host.Plugins;

/// <summary>Everything the host holds for one plugin folder: manifest, state with its reason, and what was loaded.</summary>
internal sealed class PluginRuntime
{
    private readonly Lock _gate = new();
    private readonly List<string> _warnings = [];

    public PluginRuntime(string folder, PluginManifest? manifest)
    {
        Folder = folder;
        Manifest = manifest;
    }

    /// <summary>The manifest id, or the folder name when the folder has no valid manifest.</summary>
    public string Id => Manifest?.Id ?? Path.GetFileName(Folder);

    public string Folder { get; }

    public PluginManifest? Manifest { get; }

    public PluginState State { get; private set; } = PluginState.Discovered;

    public string? Reason { get; private set; }

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate)
            {
                return [.. _warnings];
            }
        }
    }

    public PluginLoader? Loader { get; set; }

    public Assembly? Assembly { get; set; }

    public ILettaPlugin? Plugin { get; set; }

    public IServiceProvider? Services { get; set; }

    public PluginMessageHub? Hub { get; set; }

    public IReadOnlyList<CliCommand> Commands { get; set; } = [];

    public bool IsActive => State == PluginState.Active;

    /// <summary>True until a step fails: later pipeline steps skip a plugin that is already rejected.</summary>
    public bool IsViable => State is PluginState.Discovered or PluginState.Active;

    public void SetState(PluginState state, string? reason = null)
    {
        lock (_gate)
        {
            State = state;
            Reason = reason;
        }
    }

    public void AddWarning(string warning)
    {
        lock (_gate)
        {
            _warnings.Add(warning);
        }
    }
}

using Letta.Cli;
using Letta.Host.Messaging;
using Letta.Host.Plugins;

namespace Letta.Host.Http;

internal sealed record PluginInfo(
    string Id,
    string? Name,
    string? Version,
    string State,
    string? Reason,
    IReadOnlyList<string> Warnings,
    string Folder,
    string? Description,
    IReadOnlyList<DependencyInfo> Dependencies,
    PluginHealthReport? Health,
    HubDiagnostics? Hub,
    IReadOnlyList<CliCommand> Commands);

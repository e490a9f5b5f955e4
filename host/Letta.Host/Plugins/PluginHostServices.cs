using Letta.Host.Hosting;
using Letta.Host.Messaging;
using Microsoft.Extensions.AI;

namespace Letta.Host.Plugins;

/// <summary>The host services every plugin container is fed with.</summary>
internal sealed record PluginHostServices(
    LettaHome Home,
    Serilog.ILogger Logger,
    MessageHub Hub,
    TimeProvider TimeProvider,
    IChatClient ChatClient,
    bool IsAiConfigured);

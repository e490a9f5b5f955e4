using System.Collections.Concurrent;
using Letta.TestPlugins.Common;

namespace Letta.TestPlugins.IdentityB;

/// <summary>Singleton record of the pings the (scoped) handler received.</summary>
public sealed class ReceivedPings
{
    public ConcurrentQueue<PrivatePing> Items { get; } = new();
}

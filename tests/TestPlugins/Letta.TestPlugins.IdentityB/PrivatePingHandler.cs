using Letta.Messaging;
using Letta.TestPlugins.Common;

namespace Letta.TestPlugins.IdentityB;

/// <summary>Subscribes to identity-b's own copy of <see cref="PrivatePing"/>, which identity-a can never reach.</summary>
public sealed class PrivatePingHandler(ReceivedPings received) : IMessageHandler<PrivatePing>
{
    public ValueTask HandleAsync(PrivatePing message, CancellationToken cancellationToken)
    {
        received.Items.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}

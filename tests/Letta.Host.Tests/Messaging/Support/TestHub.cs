using Letta.Host.Messaging;

namespace Letta.Host.Tests.Messaging.Support;

/// <summary>Creates hubs whose log output the test can inspect.</summary>
internal static class TestHub
{
    public static MessageHub Create(LogRecorder logs, MessageHubOptions? options = null, TimeProvider? timeProvider = null)
        => new(logs, options, timeProvider);
}

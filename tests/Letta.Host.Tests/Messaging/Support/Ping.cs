namespace Letta.Host.Tests.Messaging.Support;

public sealed record Ping(int Number);

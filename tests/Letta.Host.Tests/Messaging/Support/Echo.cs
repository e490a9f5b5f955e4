using Letta.Messaging;

namespace Letta.Host.Tests.Messaging.Support;

public sealed record Echo(string Text) : IRequest<string>;

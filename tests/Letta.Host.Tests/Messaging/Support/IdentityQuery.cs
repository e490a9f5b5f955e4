using Letta.Messaging;

namespace Letta.Host.Tests.Messaging.Support;

/// <summary>A request type loaded a second time into another load context by the identity tests.</summary>
public sealed record IdentityQuery(string Text) : IRequest<string>;

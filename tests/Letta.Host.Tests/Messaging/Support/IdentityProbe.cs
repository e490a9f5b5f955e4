namespace Letta.Host.Tests.Messaging.Support;

/// <summary>Loaded a second time into another load context to get a same-named, different type.</summary>
public sealed record IdentityProbe(int Number);

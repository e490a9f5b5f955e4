namespace Letta.TestPlugins.Common;

/// <summary>
/// A message type deliberately defined inside plugins (compiled into both identity-a and identity-b), so
/// the two loads are different types: the hub must report the identity mix-up instead of dropping silently.
/// </summary>
public sealed record PrivatePing(string Text);

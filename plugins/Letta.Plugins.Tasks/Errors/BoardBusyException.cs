namespace Letta.Plugins.Tasks;

/// <summary>The writer lock could not be taken in time (→ 503).</summary>
internal sealed class BoardBusyException(string message) : Exception(message);

namespace Letta.Samples.EchoConnector.Events;

/// <summary>One hub event as the echo connector remembers it.</summary>
/// <param name="Type">The message type name, e.g. <c>TaskCreated</c>.</param>
/// <param name="Summary">A one-line description of the event.</param>
/// <param name="ReceivedAt">When the connector handled it (UTC).</param>
internal sealed record EchoEvent(string Type, string Summary, DateTimeOffset ReceivedAt);

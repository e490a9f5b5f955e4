namespace Letta.Messaging;

/// <summary>
/// A hub event handler. The host finds implementations in a plugin's entry assembly, registers them in the
/// plugin's container and subscribes them for the plugin; each event is handled in its own DI scope.
/// </summary>
/// <typeparam name="TMessage">The event type.</typeparam>
public interface IMessageHandler<in TMessage>
    where TMessage : notnull
{
    /// <summary>Handles one event. An exception is logged and counted in the plugin's health; it never reaches the publisher.</summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancelled when the plugin stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    ValueTask HandleAsync(TMessage message, CancellationToken cancellationToken);
}

namespace Letta.Messaging;

/// <summary>Marks a hub request and names its response type, so callers get the response typed.</summary>
/// <typeparam name="TResponse">The response type.</typeparam>
public interface IRequest<TResponse>;

namespace Letta.Messaging;

/// <summary>A hub usage error: no handler for a request, a second handler for one, or a message type mix-up.</summary>
public sealed class MessageHubException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public MessageHubException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public MessageHubException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The cause.</param>
    public MessageHubException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using Microsoft.Extensions.AI;

namespace Letta.Host.Ai;

/// <summary>Stands in when no AI key is set, so plugins can always resolve a client and fail with a clear message.</summary>
internal sealed class UnconfiguredChatClient : IChatClient
{
    private const string Message = "AI is not configured: set LETTA_AI_API_KEY (or GEMINI_API_KEY) and restart Letta. Plugins fall back to deterministic rules meanwhile.";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("none") : null;

    public void Dispose()
    {
    }
}

using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Letta.Host.Ai;

/// <summary>Creates the host's chat client: Gemini (or any OpenAI-compatible endpoint) when a key is set.</summary>
internal static class ChatClientFactory
{
    public static (IChatClient Client, bool IsConfigured) Create(AiOptions options)
    {
        string? key = string.IsNullOrWhiteSpace(options.ApiKey)
            ? Environment.GetEnvironmentVariable("LETTA_AI_API_KEY") ?? Environment.GetEnvironmentVariable("GEMINI_API_KEY")
            : options.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return (new UnconfiguredChatClient(), false);
        }

        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint) });
        return (client.GetChatClient(options.Model).AsIChatClient(), true);
    }
}

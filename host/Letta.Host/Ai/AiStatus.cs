namespace Letta.Host.Ai;

/// <summary>Whether a real chat model is configured; without one, AI features use deterministic fallbacks.</summary>
internal sealed record AiStatus(bool IsConfigured);

namespace Letta.Host.Ai;

/// <summary>The one chat model the host offers plugins (section <c>Letta:Ai</c>).</summary>
internal sealed class AiOptions
{
    public const string SectionName = "Letta:Ai";

    /// <summary>An OpenAI-compatible endpoint. Default: Gemini's OpenAI-compatible endpoint.</summary>
    public string Endpoint { get; set; } = "https://generativelanguage.googleapis.com/v1beta/openai/";

    /// <summary>The model id. Default: <c>gemini-2.5-flash</c>.</summary>
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>
    /// The key. Default: the <c>LETTA_AI_API_KEY</c> or <c>GEMINI_API_KEY</c> environment variable. With none,
    /// AI features fall back to deterministic rules.
    /// </summary>
    public string? ApiKey { get; set; }
}

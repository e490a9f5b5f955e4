namespace Letta.Plugins.Memory.Model;

/// <summary>One search hit: the memory (content not loaded), a highlighted snippet and a rank (higher is better).</summary>
internal sealed record SearchHitRecord(MemoryRecord Memory, string Snippet, double Rank);

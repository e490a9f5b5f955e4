namespace Letta.Plugins.Memory.Model;

/// <summary>Why one NDJSON line was not imported.</summary>
internal sealed record ImportFailure(long Line, string Field, string Error);

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>A file (or unit directory) that left the working tree for the versions folder during a run.</summary>
/// <param name="Path">The relative path it had in the category.</param>
/// <param name="KeptAt">Where it is kept now (absolute, under <c>versions/&lt;category&gt;/</c>).</param>
/// <param name="Reason">Why: <c>replaced</c> (a newer version arrived), <c>deleted</c> (deleted on another device),
/// <c>conflict</c> (a conflict whose copy exists already, or a conflict on a conflict copy), <c>pruned</c> (past the
/// conflict-copy cap) or <c>reverted</c> (a receive-only revert).</param>
internal sealed record VersionedFile(string Path, string KeptAt, string Reason);

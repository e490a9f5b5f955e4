using Letta.Plugins.Sync.Engine.Cloud;

namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>A losing version kept beside the winner as <c>name.sync-conflict-YYYYMMDD-HHMMSS-DEV7.ext</c>.</summary>
/// <param name="Path">The conflict copy's relative path (the same on every device).</param>
/// <param name="Content">The loser's content, vector and author as published for the copy.</param>
/// <param name="FromLocal">The loser is this device's local file (renamed), not a remote blob (downloaded).</param>
/// <param name="Discard">
/// A conflict on a conflict copy: no copy of a copy is made; a local loser goes to the versions folder instead.
/// </param>
internal sealed record ConflictCopy(string Path, ManifestEntry Content, bool FromLocal, bool Discard = false);

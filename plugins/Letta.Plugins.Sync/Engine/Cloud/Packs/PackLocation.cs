namespace Letta.Plugins.Sync.Engine.Cloud.Packs;

/// <summary>Where a packed blob lives: the pack's id (its file is <c>blobs/packs/&lt;id&gt;.pack</c>) and the record.</summary>
internal readonly record struct PackLocation(string PackId, long Offset, int Length);

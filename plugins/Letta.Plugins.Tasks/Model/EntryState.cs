namespace Letta.Plugins.Tasks.Model;

/// <summary>
/// Where a task id stands. At equal versions the larger value wins a merge: a modification beats an archive,
/// and an archive beats a deletion, so concurrent edits are never thrown away.
/// </summary>
internal enum EntryState
{
    Deleted = 0,
    Archived = 1,
    Active = 2,
}

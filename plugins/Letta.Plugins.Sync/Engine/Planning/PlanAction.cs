namespace Letta.Plugins.Sync.Engine.Planning;

/// <summary>What a plan does with one path (the rows of the three-way table).</summary>
internal enum PlanAction
{
    /// <summary>Upload the local content, bump this device's counter.</summary>
    Push,

    /// <summary>The local file was deleted: publish a tombstone.</summary>
    PushDelete,

    /// <summary>Apply the remote content: verify, temp + rename, old copy to versions.</summary>
    Pull,

    /// <summary>The remote deleted it: move the local file to versions, record the tombstone.</summary>
    DeleteLocal,

    /// <summary>Both sides hold the same content: record it as the base (a false conflict).</summary>
    Converge,

    /// <summary>Content unchanged, only the version vector advanced.</summary>
    UpdateVersion,

    /// <summary>Unavailable (evicted, dataless, locked, unreadable, too large): skipped, retried later.</summary>
    Skip,

    /// <summary>Receive-only category: a local edit stays unpublished.</summary>
    LocalUnpublished,

    /// <summary>Send-only category: a remote edit is indexed but not applied.</summary>
    RemoteNotApplied,

    /// <summary>Receive-only revert: a file only this device has goes to versions; nothing is recorded or published.</summary>
    RevertLocal,
}

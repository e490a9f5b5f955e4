namespace Letta.Plugins.Sync.Engine;

/// <summary>Which way changes flow for a category.</summary>
internal enum SyncDirection
{
    /// <summary>Local edits are published and remote edits applied.</summary>
    TwoWay = 0,

    /// <summary>Local edits are published; remote edits are indexed and reported but never applied here.</summary>
    SendOnly = 1,

    /// <summary>Remote edits are applied; local edits stay unpublished and are reported.</summary>
    ReceiveOnly = 2,
}

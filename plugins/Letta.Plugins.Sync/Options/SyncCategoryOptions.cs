using Letta.Plugins.Sync.Engine;

namespace Letta.Plugins.Sync.Options;

/// <summary>One sync category in <c>plugins.json</c> (<c>settings.categories.&lt;name&gt;</c>).</summary>
internal sealed class SyncCategoryOptions
{
    /// <summary>Local folder; <c>~</c> and <c>$LETTA_HOME</c> are expanded. A missing folder is reported, never created.</summary>
    public string Path { get; set; } = "";

    /// <summary>Whether the category syncs. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Globs to include; empty means everything.</summary>
    public List<string>? Include { get; set; }

    /// <summary>
    /// Globs to exclude. Default (when not set): <c>.DS_Store</c>, <c>*.tmp</c>, <c>.git/</c>, <c>bin/</c>, <c>obj/</c>,
    /// <c>node_modules/</c>. Setting the list replaces the defaults.
    /// </summary>
    public List<string>? Exclude { get; set; }

    /// <summary>Two-way (default), send-only or receive-only.</summary>
    public SyncDirection Direction { get; set; } = SyncDirection.TwoWay;

    /// <summary>Files larger than this many bytes are reported and skipped. Default: no limit.</summary>
    public long? MaxFileSize { get; set; }

    /// <summary>Plain files (default), SQLite snapshots, or one unit per top-level directory.</summary>
    public SyncCategoryKind Kind { get; set; } = SyncCategoryKind.Files;
}

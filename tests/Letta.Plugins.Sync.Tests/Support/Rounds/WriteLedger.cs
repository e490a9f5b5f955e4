using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Applying;

namespace Letta.Plugins.Sync.Tests.Support.Rounds;

/// <summary>
/// What every device wrote, for the invariants of the lagged rounds: all content ever written, each device's last
/// write to each path, what each write replaced (the content its author had seen there), and the content each run
/// listed as moved to the versions folder. A write whose content no later write on that path replaced has not been
/// seen by anyone who changed the path since: it must still be in a tree (under its name or as a conflict copy).
/// </summary>
internal sealed class WriteLedger
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Device, string Path), string?> _last = [];
    private readonly HashSet<string> _moved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pruned = new(StringComparer.Ordinal);
    private readonly List<(string Device, string Path, string? Content, string? Replaced)> _writes = [];

    /// <summary>A write; <c>replaced</c> is what the path held on the device just before (what the writer had seen).</summary>
    public void Wrote(SimulatedDevice device, string path, string content, string? replaced)
    {
        _written.Add(content);
        _last[(device.Name, path)] = content;
        _writes.Add((device.Name, path, content, replaced));
    }

    public void Deleted(SimulatedDevice device, string path, string? replaced)
    {
        _last[(device.Name, path)] = null;
        _writes.Add((device.Name, path, null, replaced));
    }

    /// <summary>
    /// Writes nobody has replaced since (the heads of their path's history) that are in no tree: lost edits. A conflict
    /// copy pruned past the per-file cap is the one allowed exception (listed as pruned).
    /// </summary>
    public IEnumerable<string> Unseen(IEnumerable<SimulatedDevice> devices)
    {
        var present = new HashSet<string>(devices.SelectMany(d => d.Snapshot().Values), StringComparer.Ordinal);
        var replaced = new HashSet<(string Path, string Content)>(_writes.Where(w => w.Replaced is not null).Select(w => (w.Path, w.Replaced!)));
        foreach ((string device, string path, string? content, _) in _writes)
        {
            if (content is not null && !present.Contains(content) && !replaced.Contains((path, content)) && !_pruned.Contains(content))
            {
                yield return $"{device}'s write to {path} ('{Clip(content)}') was replaced by nobody who had seen it, yet is in no tree";
            }
        }
    }

    /// <summary>Reads back what a run says it kept in the versions folder (right after the run, while it is there).</summary>
    public void Kept(SyncRunResult result)
    {
        foreach (VersionedFile kept in result.MovedToVersions)
        {
            if (File.Exists(kept.KeptAt))
            {
                string content = File.ReadAllText(kept.KeptAt);
                _moved.Add(content);
                if (kept.Reason == "pruned")
                {
                    _pruned.Add(content); // past the conflict-copy cap: leaving the tree is the documented rule
                }
            }
        }
    }

    /// <summary>No file in any tree holds content nobody wrote (a half-delivered blob, a torn write).</summary>
    public IEnumerable<string> Foreign(IEnumerable<SimulatedDevice> devices) =>
        devices.SelectMany(d => d.Snapshot().Where(kv => !_written.Contains(kv.Value)).Select(kv => $"{d.Name}:{kv.Key} holds '{Clip(kv.Value)}'"));

    /// <summary>Every device's last write to every path is in some tree, or was listed as moved to versions.</summary>
    public IEnumerable<string> Lost(IEnumerable<SimulatedDevice> devices)
    {
        var present = new HashSet<string>(devices.SelectMany(d => d.Snapshot().Values), StringComparer.Ordinal);
        foreach (((string device, string path), string? content) in _last.OrderBy(kv => kv.Key.Device, StringComparer.Ordinal).ThenBy(kv => kv.Key.Path, StringComparer.Ordinal))
        {
            if (content is not null && !present.Contains(content) && !_moved.Contains(content))
            {
                yield return $"{device}'s last write to {path} ('{Clip(content)}') is in no tree and was not listed as moved";
            }
        }
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

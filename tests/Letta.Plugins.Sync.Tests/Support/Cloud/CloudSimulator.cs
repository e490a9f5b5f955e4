namespace Letta.Plugins.Sync.Tests.Support.Cloud;

/// <summary>
/// A cloud-drive client between per-device copies of one cloud folder (sync.md, addendum). What a device writes into
/// its copy reaches the server late and in random order; the server's files reach the other copies late, in random
/// order, sometimes first truncated in place and completed later, sometimes also as iCloud duplicates
/// (<c>name 2.ext</c>, <c>name (1).ext</c>). Two copies that changed one path without seeing each other's change
/// conflict on the server as in iCloud: one keeps the name, the other becomes a duplicate. Names iCloud never
/// uploads (<c>*.tmp</c>, …) stay in the copy that wrote them. Deterministic for a seed and a sequence of calls.
/// </summary>
internal sealed class CloudSimulator(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, CloudRevision> _server = new(StringComparer.Ordinal);
    private readonly List<CloudView> _views = [];
    private long _revisions;

    public IReadOnlyList<CloudView> Views => _views;

    /// <summary>Whether every copy holds every server file whole and nothing waits to be uploaded.</summary>
    public bool Settled => _views.All(v => v.Pending.Count == 0 && v.Partial.Count == 0 && Due(v, null).Count == 0);

    public CloudView AddView(string name, string directory)
    {
        Directory.CreateDirectory(directory);
        var view = new CloudView(name, directory);
        _views.Add(view);
        return view;
    }

    /// <summary>Finds what a device changed in its copy since the client last looked: local changes to upload.</summary>
    public static void Observe(CloudView view)
    {
        if (!Directory.Exists(view.Directory))
        {
            return; // the drive is not mounted on that device: nothing to see, nothing is delivered
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string full in Directory.EnumerateFiles(view.Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(view.Directory, full).Replace(Path.DirectorySeparatorChar, '/');
            if (!Uploads(relative))
            {
                continue;
            }

            seen.Add(relative);
            byte[] bytes = File.ReadAllBytes(full);
            if (view.Known.TryGetValue(relative, out byte[]? known) && known.AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            // Written by the device (a half-written delivery it replaced included): its own write wins in its copy.
            view.Known[relative] = bytes;
            view.Partial.Remove(relative);
            view.Pending[relative] = (bytes, BasedOn(view, relative));
        }

        foreach (string relative in view.Known.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal).ToList())
        {
            view.Known.Remove(relative);
            view.Partial.Remove(relative);
            view.Pending[relative] = (null, BasedOn(view, relative));
        }
    }

    /// <summary>Uploads a random share of the copy's local changes, in random order.</summary>
    public int Upload(CloudView view, double share)
    {
        int uploaded = 0;
        foreach (string relative in Pick(view.Pending.Keys, share))
        {
            (byte[]? bytes, long basedOn) = view.Pending[relative];
            view.Pending.Remove(relative);
            uploaded++;
            _server.TryGetValue(relative, out CloudRevision? current);
            if (current is null || current.Bytes is null)
            {
                if (bytes is not null)
                {
                    view.Held[relative] = Put(relative, bytes, view.Name);
                }
                else if (current is null)
                {
                    continue; // created and removed before the client saw it
                }
                else
                {
                    view.Held[relative] = current.Number;
                }

                continue;
            }

            if (Same(current.Bytes, bytes))
            {
                view.Held[relative] = current.Number;
                continue;
            }

            bool unseen = current.Number > basedOn;
            if (!unseen)
            {
                view.Held[relative] = bytes is null ? Delete(relative, view.Name) : Put(relative, bytes, view.Name);
                continue;
            }

            // Both copies changed the path without seeing each other: iCloud keeps both, one under a duplicate name.
            if (bytes is null)
            {
                continue; // a deletion loses against an edit it never saw: the edit comes back to this copy
            }

            if (Chance(0.5))
            {
                Put(DuplicateName(relative), current.Bytes, current.Origin);
                view.Held[relative] = Put(relative, bytes, view.Name);
            }
            else
            {
                Put(DuplicateName(relative), bytes, view.Name);
            }
        }

        return uploaded;
    }

    /// <summary>
    /// Delivers a random share of the server files the copy lacks, in random order (partly, with duplicates, as
    /// <paramref name="lag"/> says). <paramref name="withhold"/> names paths not delivered this time.
    /// </summary>
    public int Deliver(CloudView view, CloudLag lag, Func<string, bool>? withhold = null)
    {
        if (!Directory.Exists(view.Directory))
        {
            return 0;
        }

        Observe(view);
        int delivered = 0;
        foreach (string relative in Pick(Due(view, withhold), lag.DeliverShare))
        {
            CloudRevision revision = _server[relative];
            string full = view.Full(relative);
            delivered++;
            if (revision.Bytes is null)
            {
                if (File.Exists(full))
                {
                    File.Delete(full);
                }

                view.Known.Remove(relative);
                view.Held[relative] = revision.Number;
                continue;
            }

            if (revision.Bytes.Length > 1 && Chance(lag.PartialChance))
            {
                byte[] head = revision.Bytes[.._random.Next(0, revision.Bytes.Length)];
                WriteInPlace(full, head);
                view.Known[relative] = head;
                view.Partial[relative] = revision;
            }
            else
            {
                WriteInPlace(full, revision.Bytes);
                view.Known[relative] = revision.Bytes;
                view.Held[relative] = revision.Number;
            }

            if (Chance(lag.DuplicateChance))
            {
                Put(DuplicateName(relative), revision.Bytes, "icloud");
            }
        }

        return delivered;
    }

    /// <summary>Completes a random share of the half-written files (those the device did not replace meanwhile).</summary>
    public int CompletePartials(CloudView view, double share)
    {
        if (!Directory.Exists(view.Directory))
        {
            return 0;
        }

        Observe(view);
        int completed = 0;
        foreach (string relative in Pick(view.Partial.Keys, share))
        {
            CloudRevision revision = view.Partial[relative];
            view.Partial.Remove(relative);
            WriteInPlace(view.Full(relative), revision.Bytes!);
            view.Known[relative] = revision.Bytes!;
            view.Held[relative] = revision.Number;
            completed++;
        }

        return completed;
    }

    /// <summary>One tick of a lagging client: each copy uploads, receives and completes a random share.</summary>
    public void Step(CloudLag lag)
    {
        foreach (CloudView view in Pick(_views, 1))
        {
            Observe(view);
            Upload(view, lag.UploadShare);
        }

        foreach (CloudView view in Pick(_views, 1))
        {
            CompletePartials(view, lag.CompleteShare);
            Deliver(view, lag);
        }
    }

    /// <summary>Lets the client finish: every change uploaded, every file delivered whole to every copy.</summary>
    public void Settle()
    {
        for (int round = 0; round < 20; round++)
        {
            foreach (CloudView view in _views)
            {
                Observe(view);
                Upload(view, 1);
            }

            foreach (CloudView view in _views)
            {
                CompletePartials(view, 1);
                Deliver(view, CloudLag.Prompt);
            }

            if (Settled)
            {
                return;
            }
        }

        throw new InvalidOperationException("The simulated cloud did not settle in 20 rounds.");
    }

    /// <summary>Names a cloud drive never uploads (iCloud: temp files, Finder metadata, Office lock files).</summary>
    private static bool Uploads(string relative)
    {
        string name = relative[(relative.LastIndexOf('/') + 1)..];
        return !name.EndsWith(".tmp", StringComparison.Ordinal) && !name.EndsWith(".nosync", StringComparison.Ordinal)
            && name != ".DS_Store" && !name.StartsWith("~$", StringComparison.Ordinal);
    }

    private static long BasedOn(CloudView view, string relative) =>
        view.Pending.TryGetValue(relative, out (byte[]? Bytes, long BasedOn) pending) ? pending.BasedOn : view.Held.GetValueOrDefault(relative);

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static void WriteInPlace(string full, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var file = new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.SetLength(bytes.Length);
        file.Write(bytes);
    }

    private List<string> Due(CloudView view, Func<string, bool>? withhold) =>
        _server.Where(kv => view.Held.GetValueOrDefault(kv.Key) != kv.Value.Number && !view.Pending.ContainsKey(kv.Key)
                && !view.Partial.ContainsKey(kv.Key) && (withhold is null || !withhold(kv.Key))
                && !(kv.Value.Bytes is null && !view.Known.ContainsKey(kv.Key) && !view.Held.ContainsKey(kv.Key)))
            .Select(kv => kv.Key).ToList();

    private long Put(string relative, byte[] bytes, string origin)
    {
        var revision = new CloudRevision(++_revisions, bytes, origin);
        _server[relative] = revision;
        return revision.Number;
    }

    private long Delete(string relative, string origin)
    {
        var revision = new CloudRevision(++_revisions, null, origin);
        _server[relative] = revision;
        return revision.Number;
    }

    private string DuplicateName(string relative)
    {
        int slash = relative.LastIndexOf('/');
        string dir = relative[..(slash + 1)];
        string name = relative[(slash + 1)..];
        int dot = name.LastIndexOf('.');
        (string stem, string ext) = dot > 0 ? (name[..dot], name[dot..]) : (name, "");
        for (int n = 2; ; n++)
        {
            string candidate = dir + (Chance(0.5) ? $"{stem} {n}{ext}" : $"{stem} ({n - 1}){ext}");
            if (!_server.ContainsKey(candidate))
            {
                return candidate;
            }
        }
    }

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;

    /// <summary>A random share of the items, in random order (the input is sorted first, so only the seed decides).</summary>
    private List<T> Pick<T>(IEnumerable<T> items, double share)
    {
        List<T> list = items is IEnumerable<string> names
            ? names.Order(StringComparer.Ordinal).Cast<T>().ToList()
            : items.ToList();
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        int take = share >= 1 ? list.Count : (int)Math.Round(list.Count * share * (0.5 + _random.NextDouble()));
        return list.Take(Math.Min(take, list.Count)).ToList();
    }
}

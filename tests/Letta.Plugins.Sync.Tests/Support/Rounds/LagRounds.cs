using Letta.Plugins.Sync.Engine;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Tests.Support.Cloud;

namespace Letta.Plugins.Sync.Tests.Support.Rounds;

/// <summary>
/// Randomised rounds on devices that see the cloud through a lagging client: creates, edits, deletes, renames and
/// bulk creates on random devices, runs interleaved with random client steps; the invariants are checked after every
/// run, then the client settles and every tree must be the same and every device must have nothing left to do.
/// Deterministic for a seed (apart from the order of the engine's parallel work, which decides nothing).
/// </summary>
internal sealed class LagRounds : IDisposable
{
    private static readonly string[] s_names = ["a.md", "b.md", "c.txt", "notes/d.md", "notes/e.md", "deep/x/f.md"];
    private static readonly DateTime s_epoch = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random;
    private readonly SyncWorld _world;
    private readonly List<SimulatedDevice> _devices;
    private readonly WriteLedger _ledger = new();
    private readonly List<string> _log = [];

    public IReadOnlyList<string> Log => _log;
    private readonly CloudLag _lag;
    private int _op;

    public LagRounds(int seed, int devices)
    {
        _random = new Random(seed);
        _world = new SyncWorld(CloudMode.Lagged, seed) { ManualClient = true };
        _devices = Enumerable.Range(0, devices).Select(i => _world.AddDevice(((char)('a' + i)).ToString())).ToList();
        _lag = new CloudLag
        {
            UploadShare = 0.3 + (_random.NextDouble() * 0.6),
            DeliverShare = 0.3 + (_random.NextDouble() * 0.6),
            PartialChance = 0.25,
            DuplicateChance = 0.03,
        };
    }

    /// <summary>Runs the rounds and the settling; returns the failures found (empty when every invariant held).</summary>
    public List<string> Run(int rounds)
    {
        var failures = new List<string>();
        foreach (SimulatedDevice d in _devices)
        {
            // One file per device nobody touches, so no device ever lists empty (a gate, not what this tests).
            Write(d, $"keep-{d.Name}.md");
        }

        for (int round = 0; round < rounds && failures.Count == 0; round++)
        {
            if (_random.Next(10) < 4)
            {
                // A hot round: several devices change one path and publish it, each before the others' change has
                // reached its copy of the cloud (no client step in between).
                string hot = s_names[_random.Next(3)];
                var editors = _devices.Where(_ => _random.Next(3) > 0).ToList();
                foreach (SimulatedDevice d in editors)
                {
                    if (_random.Next(4) == 0 && d.Exists(hot))
                    {
                        string before = d.Read(hot);
                        d.Delete(hot);
                        _ledger.Deleted(d, hot, before);
                        _log.Add($"{d.Name} deletes {hot}");
                    }
                    else
                    {
                        Write(d, hot);
                    }
                }

                foreach (SimulatedDevice d in editors.Where(_ => _random.Next(4) > 0))
                {
                    RunOn(d, $"round {round} (hot)", failures);
                }
            }
            else
            {
                int ops = 1 + _random.Next(3);
                for (int i = 0; i < ops; i++)
                {
                    Operate(_devices[_random.Next(_devices.Count)]);
                }
            }

            int runs = 1 + _random.Next(_devices.Count + 1);
            for (int i = 0; i < runs && failures.Count == 0; i++)
            {
                _world.Simulator!.Step(_lag);
                SimulatedDevice d = _devices[_random.Next(_devices.Count)];
                RunOn(d, $"round {round}", failures);
            }
        }

        if (failures.Count == 0)
        {
            Settle(failures);
        }

        return failures.Count == 0 ? failures : [.. failures, "log:", .. _log.TakeLast(60)];
    }

    public void Dispose() => _world.Dispose();

    private void Operate(SimulatedDevice d)
    {
        List<string> present = d.Snapshot().Keys.Where(k => !k.StartsWith("keep-", StringComparison.Ordinal) && !SyncPaths.IsConflictCopy(k)).ToList();
        int kind = _random.Next(100);
        if (kind < 35 || present.Count == 0)
        {
            Write(d, s_names[_random.Next(s_names.Length)]);
        }
        else if (kind < 65)
        {
            Write(d, present[_random.Next(present.Count)]);
        }
        else if (kind < 82)
        {
            string victim = present[_random.Next(present.Count)];
            string before = d.Read(victim);
            d.Delete(victim);
            _ledger.Deleted(d, victim, before);
            _log.Add($"{d.Name} deletes {victim}");
        }
        else if (kind < 92)
        {
            string from = present[_random.Next(present.Count)];
            string to = "moved/" + _op++ + "-" + Path.GetFileName(from);
            string content = d.Read(from);
            Directory.CreateDirectory(Path.GetDirectoryName(d.Path_(to))!);
            File.Move(d.Path_(from), d.Path_(to));
            _ledger.Deleted(d, from, content);
            _ledger.Wrote(d, to, content, replaced: null);
            _log.Add($"{d.Name} renames {from} -> {to}");
        }
        else if (kind < 95)
        {
            // An empty directory made, or one removed: empty directories sync too.
            List<string> empty = d.Directories().Where(x => !Directory.EnumerateFileSystemEntries(d.Path_(x)).Any()).ToList();
            if (empty.Count > 0 && _random.Next(2) == 0)
            {
                string gone = empty[_random.Next(empty.Count)];
                Directory.Delete(d.Path_(gone));
                _log.Add($"{d.Name} removes the empty directory {gone}/");
            }
            else
            {
                string made = $"empty{_op++}/{(_random.Next(2) == 0 ? "inner" : "")}".TrimEnd('/');
                Directory.CreateDirectory(d.Path_(made));
                _log.Add($"{d.Name} makes the empty directory {made}/");
            }
        }
        else
        {
            string dir = $"bulk{_op++}";
            int count = 17 + _random.Next(20);
            for (int i = 0; i < count; i++)
            {
                Write(d, $"{dir}/{i:D2}.md", quiet: true);
            }

            _log.Add($"{d.Name} bulk-creates {count} files in {dir}/");
        }
    }

    private void Write(SimulatedDevice d, string path, bool quiet = false)
    {
        int op = _op++;
        string content = $"{d.Name} op {op} " + new string((char)('a' + (op % 26)), _random.Next(1, 60));
        // Mostly old mtimes in write order; sometimes "now", inside the racy-mtime window of the next scan.
        DateTime mtime = _random.Next(10) == 0 ? DateTime.UtcNow : s_epoch.AddSeconds(op);
        string? before = d.Exists(path) ? d.Read(path) : null;
        d.Write(path, content, mtime);
        _ledger.Wrote(d, path, content, before);
        if (!quiet)
        {
            _log.Add($"{d.Name} writes {path} = '{content[..Math.Min(content.Length, 20)]}'");
        }
    }

    private SyncRunResult RunOn(SimulatedDevice d, string when, List<string> failures)
    {
        SyncRunResult r = d.Sync();
        _ledger.Kept(r);
        _log.Add($"{d.Name} runs ({when}): {(r.Succeeded ? "ok" : "FAILED " + r.Failure)}; sent {r.FilesSent}, received {r.FilesReceived}, deleted {r.FilesDeleted}, conflicts {r.Conflicts.Count}, kept {r.MovedToVersions.Count}, errors {r.Errors.Count}"
            + string.Concat(r.Plan.Select(p => $"\n    {p}   [base {p.Base?.VersionText} -> {p.Target?.Version}]"))
            + string.Concat(r.Errors.Concat(r.Issues).Select(e => $"\n    ! {e.Kind} {e.Path}: {e.Message}")));
        if (!r.Succeeded && r.Gate is not (SyncGate.CloudMarker or null))
        {
            failures.Add($"{d.Name} stopped at gate {r.Gate} ({when}): {r.Failure}");
        }

        failures.AddRange(_ledger.Foreign(_devices).Select(f => $"{when}: {f}"));
        failures.AddRange(_ledger.Lost(_devices).Select(f => $"{when}: {f}"));
        failures.AddRange(_ledger.Unseen(_devices).Select(f => $"{when}: {f}"));
        return r;
    }

    private void Settle(List<string> failures)
    {
        CloudSimulator cloud = _world.Simulator!;
        for (int pass = 0; pass < 12; pass++)
        {
            cloud.Settle();
            bool quiet = true;
            foreach (SimulatedDevice d in _devices)
            {
                SyncRunResult r = RunOn(d, $"settling {pass}", failures);
                quiet &= r.Succeeded && NothingDone(r);
                cloud.Settle();
            }

            if (failures.Count > 0)
            {
                return;
            }

            if (quiet && cloud.Settled)
            {
                CheckConverged(failures);
                return;
            }
        }

        failures.Add("the devices did not settle in 12 passes (a livelock)");
    }

    private void CheckConverged(List<string> failures)
    {
        SortedDictionary<string, string> first = _devices[0].Snapshot();
        foreach (SimulatedDevice d in _devices.Skip(1))
        {
            SortedDictionary<string, string> other = d.Snapshot();
            foreach (string path in first.Keys.Union(other.Keys).Order(StringComparer.Ordinal))
            {
                string? x = first.GetValueOrDefault(path), y = other.GetValueOrDefault(path);
                if (x != y)
                {
                    failures.Add($"after settling, {path} is '{x ?? "(absent)"}' on {_devices[0].Name} and '{y ?? "(absent)"}' on {d.Name}");
                }
            }
        }

        foreach (SimulatedDevice d in _devices.Skip(1).Where(d => !d.Directories().SequenceEqual(_devices[0].Directories())))
        {
            failures.Add($"after settling, the directories differ: {_devices[0].Name} has [{string.Join(", ", _devices[0].Directories())}], {d.Name} [{string.Join(", ", d.Directories())}]");
        }

        foreach (SimulatedDevice d in _devices)
        {
            SyncRunResult r = d.Sync();
            if (!r.Succeeded || !NothingDone(r))
            {
                failures.Add($"after settling, {d.Name} still has work: {string.Join("; ", r.Plan)} {r.Failure}");
            }
        }
    }

    private static bool NothingDone(SyncRunResult r) =>
        r.FilesSent == 0 && r.FilesReceived == 0 && r.FilesDeleted == 0 && r.Conflicts.Count == 0 && !r.Published && r.Errors.Count == 0
        && r.Plan.TrueForAll(p => p.Action == PlanAction.UpdateVersion) && r.MovedToVersions.Count == 0;
}

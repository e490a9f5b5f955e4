using System.Collections.Concurrent;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Plain pulls of files, done in groups so the durability work is shared: the group's temp files are written in
/// parallel (blobs read in pack order, each verified), made durable together, then renamed over their targets one by
/// one (each target re-checked against the scan, its old copy kept in versions), made durable together again, and
/// only then recorded. Every file still holds its old or its new content whenever the process dies, and a recorded
/// base is never ahead of the disk. Anything unusual in a group (a directory in the way) goes to the single-file path.
/// </summary>
internal sealed class BatchPuller(ApplyContext context)
{
    /// <summary>Files per group: one state commit's worth, so rows are committed only after their renames are durable.</summary>
    public const int GroupSize = RowRecorder.CommitEvery;

    /// <summary>Whether <paramref name="item"/> can be pulled in a group (plain file content, nothing in the way known).</summary>
    public static bool Fits(PlanItem item, SyncCategory category) =>
        item is { Action: PlanAction.Pull, IsConflict: false } && category.Kind == SyncCategoryKind.Files
        && item.Target is { IsDirectory: false } && item.Local is null or { IsDirectory: false };

    public void Pull(List<PlanItem> items, Action<PlanItem> oneByOne)
    {
        // Reading each pack front to back turns a pull of many small files into a few sequential reads.
        List<PlanItem> ordered = [.. items.OrderBy(p => context.Blobs.ReadOrder(p.Target!.Blob ?? p.Target.Sha!).Pack, StringComparer.Ordinal)
            .ThenBy(p => context.Blobs.ReadOrder(p.Target!.Blob ?? p.Target.Sha!).Offset)];
        int done = 0;
        foreach (PlanItem[] group in ordered.Chunk(GroupSize))
        {
            PullGroup(group, oneByOne);
            done += group.Length;
            context.Progress("received", done - (done % 1000), ordered.Count);
        }
    }

    private void PullGroup(PlanItem[] group, Action<PlanItem> oneByOne)
    {
        var written = new ConcurrentDictionary<PlanItem, string>();
        var fallback = new ConcurrentBag<PlanItem>();
        LocalTree tree = context.Tree;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            WriteTemps(group, written, fallback);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // A simulated kill must look like a kill, not an aggregate.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        Lap(watch, "pull-temps");
        if (context.Options.Durable)
        {
            FileSystemFlush.FlushGroup(written.Values.ToList(), context.Options.Parallelism);
        }

        Lap(watch, "pull-flush");

        var renamed = new List<(PlanItem Item, FileStat Stat)>(written.Count);
        foreach (PlanItem item in group.Where(written.ContainsKey))
        {
            string tmp = written[item];
            bool moved = false;
            context.Guarded(item, () =>
            {
                string full = tree.Full(item.Local?.DiskPath ?? item.Key);
                if (!tree.Unchanged(item.Local, full))
                {
                    throw new IOException("the local file changed since the scan; not overwritten (a conflict next run)");
                }

                if (item.Local is not null && File.Exists(full))
                {
                    context.Versions.Preserve(full, item.Key);
                }

                File.Move(tmp, full, overwrite: true);
                moved = true;
                context.Crash(CrashPoint.AfterApply, item.Key);
                renamed.Add((item, tree.Stat(full)));
            });

            if (!moved && File.Exists(tmp))
            {
                File.Delete(tmp); // a rename refused above: its temp goes
            }
        }

        Lap(watch, "pull-rename");
        if (context.Options.Durable)
        {
            FileSystemFlush.FlushGroup(renamed.Select(r => tree.Full(r.Item.Local?.DiskPath ?? r.Item.Key)).ToList(), context.Options.Parallelism);
        }

        Lap(watch, "pull-flush");
        foreach ((PlanItem item, FileStat stat) in renamed)
        {
            context.Rows.RecordBase(item.Key, item.Target!, stat, item.Target!.Sha, racy: false);
        }

        Lap(watch, "pull-record");

        context.Result.FilesReceived += renamed.Count;
        context.Result.BytesReceived += renamed.Sum(r => r.Item.Target!.Size);
        foreach (PlanItem item in fallback)
        {
            context.Guarded(item, () => oneByOne(item));
        }
    }

    // Summed over the groups, so a slow receive says which step it spends its time in.
    private void Lap(System.Diagnostics.Stopwatch watch, string phase)
    {
        context.Result.PhaseMs[phase] = Math.Round(context.Result.PhaseMs.GetValueOrDefault(phase) + watch.Elapsed.TotalMilliseconds, 1);
        watch.Restart();
    }

    /// <summary>The group's temp files, in parallel: each worker takes a contiguous run of the pack-ordered items.</summary>
    private void WriteTemps(PlanItem[] group, ConcurrentDictionary<PlanItem, string> written, ConcurrentBag<PlanItem> fallback)
    {
        LocalTree tree = context.Tree;
        var knownParents = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        int workers = Math.Max(1, context.Options.Parallelism);
        Parallel.ForEach(Partitioner.Create(0, group.Length, Math.Max(1, group.Length / workers)), new ParallelOptions { MaxDegreeOfParallelism = workers }, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                PlanItem item = group[i];
                context.Guarded(item, () =>
                {
                    string full = tree.Full(item.Local?.DiskPath ?? item.Key);
                    if (Directory.Exists(full))
                    {
                        fallback.Add(item); // a type conflict: moved aside on the single-file path
                        return;
                    }

                    // Siblings share a parent: only the first file of a folder pays for the check.
                    string parent = Path.GetDirectoryName(full)!;
                    if (!knownParents.ContainsKey(parent))
                    {
                        lock (tree)
                        {
                            tree.EnsureParent(full, item.Key, context.Result.Issues);
                        }

                        knownParents.TryAdd(parent, 0);
                    }

                    string tmp = LocalTree.TempBeside(full);
                    context.Blobs.CopyVerified(item.Target!.Blob ?? item.Target.Sha!, tmp, durableTarget: false, DateTime.UnixEpoch.AddTicks(item.Target.MtimeNs / 100));
                    written[item] = tmp;
                    context.Crash(CrashPoint.DownloadTempWritten, item.Key);
                });
            }
        });
    }
}

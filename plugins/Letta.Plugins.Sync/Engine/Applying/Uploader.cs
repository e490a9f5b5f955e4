using Letta.Plugins.Shared;
using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

/// <summary>
/// Puts this device's new content into the cloud folder before anything references it: the pushed files and the
/// local losers of conflicts (their copies are published). A plain push is recorded as soon as its blob is in place
/// (loose, or its pack sealed); a conflict's push only later, once its conflict copies exist (<see cref="Applier"/>):
/// its merged vector tells the other devices their versions are kept, which must not be claimed before it is so.
/// </summary>
internal sealed class Uploader(ApplyContext context)
{
    private readonly Lock _lock = new();
    private int _sent;
    private long _sentBytes;

    public void Upload(List<PlanItem> plan)
    {
        SyncEngineOptions options = context.Options;
        List<PlanItem> work = plan.Where(p => p.Local is { IsDirectory: false } && (p.Action == PlanAction.Push
            || (context.Category.Direction != SyncDirection.ReceiveOnly && p.Copies.Any(c => c.FromLocal && !c.Discard)))).ToList();
        if (work.Count(p => p.Local!.ContentSize < options.PackThreshold) >= options.PackMinimumFiles)
        {
            context.Blobs.StartPacking(options.PackThreshold, options.PackTargetSize, options.Durable);
        }

        context.Rows.BeginUploads();
        bool written = false;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            int count = 0;
            Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, item =>
            {
                context.Guarded(item, () => UploadOne(item));
                context.Progress("uploaded", Interlocked.Increment(ref count), work.Count);
            });
            context.Result.PhaseMs["upload"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            watch.Restart();
            // Every pack sealed (and the rows of its blobs recorded) before anything else of the run happens.
            context.Blobs.Flush();
            context.Result.PhaseMs["seal"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            watch.Restart();
            context.Rows.EndUploads(completed: true);
            written = true;
            context.Result.PhaseMs["rows"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Surface the first failure as itself (a simulated crash must look like a crash, not an aggregate).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        finally
        {
            if (!written)
            {
                context.Rows.EndUploads(completed: false);
            }

            context.Result.FilesSent += _sent;
            context.Result.BytesSent += _sentBytes;
        }
    }

    private void UploadOne(PlanItem item)
    {
        LocalFile file = item.Local!;
        if (!UploadContent(file, (sha, blob) => Stored(item, sha, blob), e => Failed(item, "upload failed; retried next run", "error", e.Message + " (retried next run)")))
        {
            Failed(item, "changed during the sync; retried next run", "changed", "The file changed while it was being synced; it will be synced next run.");
        }
    }

    /// <summary>The content is in place in the cloud folder (loose, or its pack sealed): now it may be recorded.</summary>
    private void Stored(PlanItem item, string sha, string blob)
    {
        LocalFile file = item.Local!;
        file.Sha ??= sha;
        context.Crash(CrashPoint.AfterUpload, item.Key);
        lock (_lock)
        {
            if (item.Action == PlanAction.Push)
            {
                item.Target = item.Target! with { Sha = sha, Blob = blob, Size = file.ContentSize, MtimeNs = file.ContentMtimeNs };
            }

            for (int i = 0; i < item.Copies.Count; i++)
            {
                if (item.Copies[i].FromLocal)
                {
                    item.Copies[i] = item.Copies[i] with { Content = item.Copies[i].Content with { Sha = sha, Blob = blob } };
                }
            }
        }

        if (item.Action == PlanAction.Push && !item.IsConflict)
        {
            context.Rows.RecordBase(item.Key, item.Target!, file.Stat, sha, file.Racy);
            Interlocked.Increment(ref _sent);
            Interlocked.Add(ref _sentBytes, file.Stat.Size);
        }
    }

    /// <summary>Nothing recorded for the item: it is sent next run.</summary>
    private void Failed(PlanItem item, string note, string kind, string message)
    {
        lock (_lock)
        {
            item.Note = note;
            item.Action = PlanAction.Skip;
            item.Copies.Clear();
        }

        lock (context.Result.Errors)
        {
            context.Result.Errors.Add(new ScanIssue(item.Key, kind, message));
        }
    }

    /// <summary>
    /// Uploads the local content; false when it no longer matches what the scan saw. <paramref name="stored"/> gets
    /// (content hash, blob id) once the blob is in place.
    /// </summary>
    private bool UploadContent(LocalFile file, Action<string, string> stored, Action<Exception> failed)
    {
        string full = context.Tree.Full(file.DiskPath);
        void TempWritten() => context.Crash(CrashPoint.UploadTempWritten, file.Key);
        switch (context.Category.Kind)
        {
            case SyncCategoryKind.Unit:
            {
                string tar = Path.Combine(context.SnapshotDirectory, $"unit-{Guid.NewGuid():N}.tar");
                PrivateFiles.CreateDirectory(context.SnapshotDirectory);
                try
                {
                    string merkle = UnitArchive.CreateTar(full, context.Tree.Rules, file.DiskPath, tar);
                    if (file.Sha is not null && merkle != file.Sha)
                    {
                        return false;
                    }

                    // The tar's bytes are copied (into a loose blob or the open pack) before Upload returns.
                    return context.Blobs.Upload(tar, null, blob => stored(merkle, blob), failed, TempWritten) is not null;
                }
                finally
                {
                    File.Delete(tar);
                }
            }

            case SyncCategoryKind.Sqlite:
            {
                string snapshot = file.SnapshotPath ?? SqliteSnapshot.Create(full, context.SnapshotDirectory);
                file.SnapshotPath = snapshot;
                return context.Blobs.Upload(snapshot, file.Sha, sha => stored(sha, sha), failed, TempWritten) is not null;
            }

            default:
                return context.Blobs.Upload(full, file.Sha, sha => stored(sha, sha), failed, TempWritten) is not null;
        }
    }
}

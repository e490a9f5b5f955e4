using Letta.Plugins.Sync.Engine.Faults;
using Letta.Plugins.Sync.Engine.Persistence;
using Letta.Plugins.Sync.Engine.Planning;
using Letta.Plugins.Sync.Engine.Scanning;

namespace Letta.Plugins.Sync.Engine.Applying;

internal sealed partial class SyncExecutor
{
    private void Upload(List<PlanItem> plan)
    {
        List<PlanItem> work = plan.Where(p => p.Local is not null && (p.Action == PlanAction.Push
            || (_category.Direction != SyncDirection.ReceiveOnly && p.Copies.Any(c => c.FromLocal && !c.Discard)))).ToList();
        if (work.Count(p => p.Local!.ContentSize < _options.PackThreshold) >= _options.PackMinimumFiles)
        {
            _blobs.StartPacking(_options.PackThreshold, _options.PackTargetSize, _options.Durable);
        }

        var writer = new RowWriter(row => Write(row, recorded: true));
        _writer = writer;
        bool written = false;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            UploadAll(work);
            _result.PhaseMs["upload"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            watch.Restart();
            // Every pack sealed (and the rows of its blobs recorded) before anything else of the run happens.
            _blobs.Flush();
            _result.PhaseMs["seal"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            watch.Restart();
            writer.Complete();
            written = true;
            _writer = null;
            _result.PhaseMs["rows"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
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
                // Stays installed: a seal still running after a failure drops its rows instead of writing into a
                // batch that is about to be disposed, as after a kill.
                writer.Abandon();
            }

            _result.FilesSent += _sent;
        }
    }

    private void UploadAll(List<PlanItem> work)
    {
        int count = 0;
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) }, item =>
        {
            Guarded(item, () => UploadOne(item));
            int n = Interlocked.Increment(ref count);
            if (n % 1000 == 0)
            {
                _progress?.Invoke($"{_category.Name}: uploaded {n}/{work.Count}");
                lock (_renewGate)
                {
                    _lock?.Renew();
                }
            }
        });
    }

    private void UploadOne(PlanItem item)
    {
        LocalFile file = item.Local!;
        if (!UploadContent(file, (sha, blob) => Stored(item, sha, blob), e => StoreFailed(item, e)))
        {
            lock (_gate)
            {
                item.Note = "changed during the sync; retried next run";
                item.Action = PlanAction.Skip;
                item.Copies.Clear();
                _result.Errors.Add(new ScanIssue(item.Key, "changed", "The file changed while it was being synced; it will be synced next run."));
            }
        }
    }

    /// <summary>The content is in place in the cloud folder (loose, or its pack sealed): now it may be recorded.</summary>
    private void Stored(PlanItem item, string sha, string blob)
    {
        LocalFile file = item.Local!;
        file.Sha ??= sha;
        Crash(CrashPoint.AfterUpload, item.Key);
        if (item.Action == PlanAction.Push)
        {
            item.Target = item.Target! with { Sha = sha, Blob = blob, Size = file.ContentSize, MtimeNs = file.ContentMtimeNs };
            RecordBase(item.Key, item.Target, file.Stat, sha, file.Racy);
            Interlocked.Increment(ref _sent);
        }
        else
        {
            lock (_gate)
            {
                for (int i = 0; i < item.Copies.Count; i++)
                {
                    if (item.Copies[i].FromLocal)
                    {
                        item.Copies[i] = item.Copies[i] with { Content = item.Copies[i].Content with { Sha = sha, Blob = blob } };
                    }
                }
            }
        }
    }

    /// <summary>The pack holding the content could not be written: nothing recorded, the file is sent next run.</summary>
    private void StoreFailed(PlanItem item, Exception e)
    {
        lock (_gate)
        {
            item.Note = "upload failed; retried next run";
            item.Action = PlanAction.Skip;
            item.Copies.Clear();
            _result.Errors.Add(new ScanIssue(item.Key, "error", e.Message + " (retried next run)"));
        }
    }

    /// <summary>
    /// Uploads the local content; false when it no longer matches what the scan saw. <paramref name="stored"/> gets
    /// (content hash, blob id) once the blob is in place.
    /// </summary>
    private bool UploadContent(LocalFile file, Action<string, string> stored, Action<Exception> failed)
    {
        string full = Full(file.DiskPath);
        switch (_category.Kind)
        {
            case SyncCategoryKind.Unit:
            {
                string tar = Path.Combine(_snapshotDir, $"unit-{Guid.NewGuid():N}.tar");
                Directory.CreateDirectory(_snapshotDir);
                try
                {
                    string merkle = UnitArchive.CreateTar(full, new IgnoreRules(_category.Include, _category.Exclude), file.DiskPath, tar);
                    if (file.Sha is not null && merkle != file.Sha)
                    {
                        return false;
                    }

                    // The tar's bytes are copied (into a loose blob or the open pack) before Upload returns.
                    return _blobs.Upload(tar, null, blob => stored(merkle, blob), failed, () => Crash(CrashPoint.UploadTempWritten, file.Key)) is not null;
                }
                finally
                {
                    File.Delete(tar);
                }
            }

            case SyncCategoryKind.Sqlite:
            {
                string snapshot = file.SnapshotPath ?? SqliteSnapshot.Create(full, _snapshotDir);
                file.SnapshotPath = snapshot;
                return _blobs.Upload(snapshot, file.Sha, sha => stored(sha, sha), failed, () => Crash(CrashPoint.UploadTempWritten, file.Key)) is not null;
            }

            default:
                return _blobs.Upload(full, file.Sha, sha => stored(sha, sha), failed, () => Crash(CrashPoint.UploadTempWritten, file.Key)) is not null;
        }
    }
}

namespace Letta.Plugins.Sync.Engine;

internal sealed partial class SyncExecutor
{
    private void Upload(List<PlanItem> plan, IReadOnlyDictionary<string, StateRow> rows)
    {
        List<PlanItem> work = plan.Where(p => p.Local is not null && (p.Action == PlanAction.Push
            || (_category.Direction != SyncDirection.ReceiveOnly && p.Copies.Any(c => c.FromLocal && !c.Discard)))).ToList();
        int done = 0;
        try
        {
            UploadAll(work, rows, ref done);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Surface the first failure as itself (a simulated crash must look like a crash, not an aggregate).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private void UploadAll(List<PlanItem> work, IReadOnlyDictionary<string, StateRow> rows, ref int done)
    {
        int count = 0;
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) }, item =>
        {
            Guarded(item, () => UploadOne(item, rows));
            int n = Interlocked.Increment(ref count);
            if (n % 1000 == 0)
            {
                _progress?.Invoke($"{_category.Name}: uploaded {n}/{work.Count}");
                lock (_gate)
                {
                    _lock?.Renew();
                }
            }
        });
        done = count;
    }

    private void UploadOne(PlanItem item, IReadOnlyDictionary<string, StateRow> rows)
    {
        LocalFile file = item.Local!;
        (string Sha, string Blob)? uploaded = UploadContent(file);
        if (uploaded is null)
        {
            lock (_gate)
            {
                item.Note = "changed during the sync; retried next run";
                item.Action = PlanAction.Skip;
                item.Copies.Clear();
                _result.Errors.Add(new ScanIssue(item.Key, "changed", "The file changed while it was being synced; it will be synced next run."));
            }

            return;
        }

        (string sha, string blob) = uploaded.Value;
        file.Sha ??= sha;
        Crash(CrashPoint.AfterUpload, item.Key);
        if (item.Action == PlanAction.Push)
        {
            item.Target = item.Target! with { Sha = sha, Blob = blob, Size = file.ContentSize, MtimeNs = file.ContentMtimeNs };
            RecordBase(item.Key, item.Target, file.Stat, sha, file.Racy);
            lock (_gate)
            {
                _result.FilesSent++;
            }
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

    /// <summary>Uploads the local content; null when it no longer matches what the scan saw.</summary>
    private (string Sha, string Blob)? UploadContent(LocalFile file)
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
                        return null;
                    }

                    string? blob = _blobs.Upload(tar, null, () => Crash(CrashPoint.UploadTempWritten, file.Key));
                    return blob is null ? null : (merkle, blob);
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
                string? sha = _blobs.Upload(snapshot, file.Sha, () => Crash(CrashPoint.UploadTempWritten, file.Key));
                return sha is null ? null : (sha, sha);
            }

            default:
            {
                string? sha = _blobs.Upload(full, file.Sha, () => Crash(CrashPoint.UploadTempWritten, file.Key));
                return sha is null ? null : (sha, sha);
            }
        }
    }
}

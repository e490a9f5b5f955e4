using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>Reload and merge without a change of our own, and the local last-good copy. Runs under the writer lock.</summary>
internal sealed partial class TaskBoard
{
    /// <summary>Reload-merge-write-back without a change of our own: the watcher, the timer and <c>POST sync</c>.</summary>
    private bool SyncLocked()
    {
        var copies = new List<string>();
        BoardState before = Current;
        BoardState work = Refresh(before, copies);
        DateTimeOffset now = _time.GetUtcNow();
        bool changed = !ReferenceEquals(work, before);
        if (BoardError is not null)
        {
            // Serve what we could merge (the archive, conflict copies) but never write over the bad file.
            if (changed)
            {
                Publish(work);
            }

            return changed;
        }

        bool expired = work.Deleted.Values.Any(t => t.DeletedAt < now - _settings.TombstoneRetention);
        bool mustWrite = _dirty || copies.Count > 0 || !_boardSig.Exists || expired
            || (changed && !BoardMatchesDisk(work));
        bool archiveOut = changed && (_archiveDisk.Count != work.Archived.Count
            || work.Archived.Any(kv => !_archiveDisk.TryGetValue(kv.Key, out TaskItem? d) || !ReferenceEquals(d, kv.Value)));
        if (!mustWrite && !archiveOut)
        {
            if (changed)
            {
                Publish(work);
            }

            UpdateLastGoodCopy();
            return changed;
        }

        if (ReferenceEquals(work, before))
        {
            work = work.Clone();
        }

        CollectGarbage(work, now);
        work.Invalidate();
        Publish(work);
        _dirty = true;
        try
        {
            Persist(work, now, forceBoard: false);
        }
        catch (BoardReadOnlyException)
        {
            // The archive is unreadable: the board part still syncs.
            if (!BoardMatchesDisk(work))
            {
                WriteBoard(work, now);
            }

            return true;
        }

        _dirty = false;
        DeleteMergedCopies(copies);
        UpdateLastGoodCopy();
        return true;
    }

    private void UpdateLastGoodCopy()
    {
        if (_settings.DataDirectory is null || BoardError is not null || !_boardSig.Exists || _boardSig == _lastGoodSig)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_settings.DataDirectory);
            string target = Path.Combine(_settings.DataDirectory, "last-good-" + BoardSettings.BoardFileName);
            string tmp = target + ".tmp";
            File.Copy(_settings.BoardPath, tmp, overwrite: true);
            File.Move(tmp, target, overwrite: true);
            _lastGoodSig = _boardSig;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug(ex, "Could not refresh the local last good copy of the board");
        }
    }

    private void LoadLastGoodCopy()
    {
        if (_settings.DataDirectory is null)
        {
            return;
        }

        string path = Path.Combine(_settings.DataDirectory, "last-good-" + BoardSettings.BoardFileName);
        if (BoardFileStore.ReadBoard(path).Document is { } doc)
        {
            var state = new BoardState();
            BoardMerger.Merge(state, doc.Tasks, [], doc.Tombstones);
            _lastGood = state;
        }
    }
}

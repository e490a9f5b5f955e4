using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>The commit pipeline every change goes through, and the reload-merge-write-back without a change of our own.</summary>
internal sealed partial class TaskBoard
{
    /// <summary>Reloads and merges changes from other devices and conflict copies now, writing back what they lack.</summary>
    /// <returns>Whether anything changed.</returns>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        using (await _files.AcquireAsync(cancellationToken))
        {
            return SyncLocked();
        }
    }

    /// <summary>
    /// Lock → merge whatever changed on disk → apply <paramref name="mutate"/> → write → publish → raise events.
    /// A mutation that throws (bad input, 404, WIP limit) leaves the files untouched, but what was merged from
    /// disk is still published so it is not forgotten.
    /// </summary>
    private async Task<T> CommitAsync<T>(Func<BoardState, DateTimeOffset, List<Func<BoardState, object>>, T> mutate, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        var events = new List<Func<BoardState, object>>();
        T result;
        BoardState published;
        using (await _files.AcquireAsync(cancellationToken))
        {
            var copies = new List<string>();
            BoardState before = Current;
            BoardState refreshed = Refresh(before, copies);
            if (!ReferenceEquals(refreshed, before))
            {
                Publish(refreshed);
                _dirty = true;
            }

            if (BoardError is not null)
            {
                throw new BoardReadOnlyException(BoardError);
            }

            BoardState work = refreshed.Clone();
            DateTimeOffset now = _time.GetUtcNow();
            result = mutate(work, now, events);
            if (events.Count == 0 && !_dirty && copies.Count == 0)
            {
                return result;
            }

            CollectGarbage(work, now);
            _files.Persist(work, now, forceBoard: true);
            Publish(work);
            _dirty = false;
            _files.DeleteMergedCopies(copies);
            published = work;
        }

        foreach (Func<BoardState, object> make in events)
        {
            await RaiseAsync(make(published), cancellationToken);
        }

        return result;
    }

    /// <summary>Reload-merge-write-back without a change of our own: the watcher, the timer and <c>POST sync</c>. Runs under the lock.</summary>
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
        bool mustWrite = _dirty || copies.Count > 0 || !_files.BoardFileExists || expired
            || (changed && !_files.BoardMatches(work));
        bool archiveOut = changed && !_files.ArchiveMatches(work);
        if (!mustWrite && !archiveOut)
        {
            if (changed)
            {
                Publish(work);
            }

            _files.UpdateLastGoodCopy();
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
            _files.Persist(work, now, forceBoard: false);
        }
        catch (BoardReadOnlyException)
        {
            // The archive is unreadable: the board part still syncs.
            _files.PersistBoardOnly(work, now);
            return true;
        }

        _dirty = false;
        _files.DeleteMergedCopies(copies);
        _files.UpdateLastGoodCopy();
        return true;
    }

    /// <summary>
    /// Merges whatever changed on disk since it was last read or written into a copy of <paramref name="state"/>.
    /// </summary>
    /// <returns><paramref name="state"/> itself when nothing new was read, else the merged copy.</returns>
    private BoardState Refresh(BoardState state, List<string> mergedCopies)
    {
        List<BoardDelta> changes = _files.ReadChanges(mergedCopies);
        if (changes.Count == 0)
        {
            return state;
        }

        BoardState work = state.Clone();
        foreach (BoardDelta delta in changes)
        {
            BoardMerger.Merge(work, delta.Active, delta.Archived, delta.Deleted);
        }

        return work;
    }

    private void CollectGarbage(BoardState work, DateTimeOffset now)
    {
        DateTimeOffset cutoff = now - _settings.TombstoneRetention;
        List<string>? expired = null;
        foreach ((string id, Tombstone t) in work.Deleted)
        {
            if (t.DeletedAt < cutoff)
            {
                (expired ??= []).Add(id);
            }
        }

        foreach (string id in expired ?? [])
        {
            work.Deleted.Remove(id);
        }
    }

    private async ValueTask RaiseAsync(object message, CancellationToken cancellationToken)
    {
        if (_hub is null)
        {
            return;
        }

        try
        {
            switch (message)
            {
                case Letta.Tasks.TaskCreated m: await _hub.PublishAsync(m, cancellationToken); break;
                case Letta.Tasks.TaskUpdated m: await _hub.PublishAsync(m, cancellationToken); break;
                case Letta.Tasks.TaskMoved m: await _hub.PublishAsync(m, cancellationToken); break;
                case Letta.Tasks.TaskDeleted m: await _hub.PublishAsync(m, cancellationToken); break;
                case Letta.Tasks.TaskArchived m: await _hub.PublishAsync(m, cancellationToken); break;
                default: break;
            }
        }
#pragma warning disable CA1031 // the change is committed; a hub failure must not turn it into an error for the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(_logger, ex, message.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Event}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string @event);
}

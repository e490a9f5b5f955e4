using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>The commit pipeline every change goes through.</summary>
internal sealed partial class TaskBoard
{
    /// <summary>
    /// Lock → merge whatever changed on disk → apply <paramref name="mutate"/> → write → publish → raise events.
    /// A mutation that throws (bad input, 404, WIP limit) leaves the files untouched, but what was merged from
    /// disk is still published so it is not forgotten.
    /// </summary>
    private async Task<T> CommitAsync<T>(Func<BoardState, DateTimeOffset, List<Func<BoardState, object>>, T> mutate, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<Func<BoardState, object>>();
        T result;
        BoardState published;
        using (await _lock.AcquireAsync(cancellationToken).ConfigureAwait(false))
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
            Persist(work, now, forceBoard: true);
            Publish(work);
            _dirty = false;
            DeleteMergedCopies(copies);
            published = work;
        }

        foreach (Func<BoardState, object> make in events)
        {
            await RaiseAsync(make(published), cancellationToken).ConfigureAwait(false);
        }

        return result;
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
                case Letta.Tasks.TaskCreated m: await _hub.PublishAsync(m, cancellationToken).ConfigureAwait(false); break;
                case Letta.Tasks.TaskUpdated m: await _hub.PublishAsync(m, cancellationToken).ConfigureAwait(false); break;
                case Letta.Tasks.TaskMoved m: await _hub.PublishAsync(m, cancellationToken).ConfigureAwait(false); break;
                case Letta.Tasks.TaskDeleted m: await _hub.PublishAsync(m, cancellationToken).ConfigureAwait(false); break;
                case Letta.Tasks.TaskArchived m: await _hub.PublishAsync(m, cancellationToken).ConfigureAwait(false); break;
                default: break;
            }
        }
#pragma warning disable CA1031 // the change is committed; a hub failure must not turn it into an error for the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "Could not publish {Event}", message.GetType().Name);
        }
    }
}

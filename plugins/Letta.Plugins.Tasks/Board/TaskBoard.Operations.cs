using Letta.Plugins.Tasks.Model;
using Letta.Tasks;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>The board's commands. Each is one commit; hub events are published after the write.</summary>
internal sealed partial class TaskBoard
{
    public Task<TaskItem> CreateAsync(NewTask input, CancellationToken cancellationToken)
        => CommitAsync((work, now, events) =>
        {
            CheckWip(work, input.Status, movingId: null);
            string id;
            do
            {
                id = TaskRules.NewId();
            }
            while (work.StampOf(id) is not null);

            var task = new TaskItem
            {
                Id = id,
                Title = TaskRules.CheckTitle(input.Title),
                Description = input.Description,
                Status = input.Status,
                Priority = input.Priority,
                Tags = input.Tags,
                DueDate = input.DueDate,
                Rank = Place(work, input.Status, input.Position, null),
                CreatedAt = now,
                UpdatedAt = now,
                CompletedAt = input.Status == TaskColumn.Completed ? now : null,
                Version = 1,
                DeviceId = _settings.DeviceId,
                ExternalRefs = new Dictionary<string, string>(input.ExternalRefs, StringComparer.Ordinal),
                Clock = TaskClock.All(FieldStamp.Of(1, now, _settings.DeviceId)),
            };
            work.SetActive(task);
            events.Add(s => new TaskCreated(task.Id, task.Title, task.Status.ToString(), task.Priority.ToString(), now));
            return task;
        }, cancellationToken);

    public Task<TaskItem> UpdateAsync(string id, TaskPatch patch, CancellationToken cancellationToken)
        => CommitAsync((work, now, events) =>
        {
            TaskItem old = ActiveOrThrow(work, id, patch.ExpectedVersion);
            TaskItem task = old;
            if (patch.ChangesContent)
            {
                var refs = new Dictionary<string, string>(old.ExternalRefs, StringComparer.Ordinal);
                foreach ((string key, string value) in patch.ExternalRefs ?? new Dictionary<string, string>())
                {
                    if (value.Length == 0)
                    {
                        refs.Remove(key);
                    }
                    else
                    {
                        refs[key] = value;
                    }
                }

                task = task with
                {
                    Title = patch.Title is null ? old.Title : TaskRules.CheckTitle(patch.Title),
                    Description = patch.Description ?? old.Description,
                    Priority = patch.Priority ?? old.Priority,
                    Tags = patch.Tags ?? old.Tags,
                    DueDate = patch.DueDateSet ? patch.DueDate : old.DueDate,
                    ExternalRefs = refs,
                };
            }

            bool moved = false;
            if (patch.ChangesPlace)
            {
                (task, moved) = Relocate(work, task, patch.Status ?? old.Status, patch.Position, now);
            }

            if (task == old)
            {
                return old;
            }

            task = Touch(task, old, now);
            work.SetActive(task);
            events.Add(s => new TaskUpdated(task.Id, task.Title, task.Status.ToString(), task.Priority.ToString(), task.Version, now));
            if (moved)
            {
                events.Add(s => new TaskMoved(task.Id, old.Status.ToString(), task.Status.ToString(), Math.Max(0, s.PositionOf(task)), now));
            }

            return task;
        }, cancellationToken);

    public Task<TaskItem> MoveAsync(string id, TaskColumn status, int? position, long? expectedVersion, CancellationToken cancellationToken)
        => CommitAsync((work, now, events) =>
        {
            TaskItem old = ActiveOrThrow(work, id, expectedVersion);
            (TaskItem task, bool moved) = Relocate(work, old, status, position, now);
            if (!moved)
            {
                return old;
            }

            task = Touch(task, old, now);
            work.SetActive(task);
            events.Add(s => new TaskMoved(task.Id, old.Status.ToString(), task.Status.ToString(), Math.Max(0, s.PositionOf(task)), now));
            return task;
        }, cancellationToken);

    /// <returns>The tombstone left behind.</returns>
    public Task<Tombstone> DeleteAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
        => CommitAsync((work, now, events) =>
        {
            TaskItem old = ActiveOrThrow(work, id, expectedVersion);
            var tomb = new Tombstone { Id = id, Version = old.Version + 1, DeletedAt = now, DeviceId = _settings.DeviceId };
            work.RemoveActive(id);
            work.Deleted[id] = tomb;
            events.Add(_ => new TaskDeleted(id, now));
            return tomb;
        }, cancellationToken);

    /// <summary>Archives one completed task by id, or every completed task completed at least <paramref name="olderThan"/> ago.</summary>
    public async Task<IReadOnlyList<TaskItem>> ArchiveAsync(string? id, TimeSpan? olderThan, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        if (id is null && !Current.Column(TaskColumn.Completed).Any(t => IsDue(t, olderThan ?? _settings.ArchiveAfter, _time.GetUtcNow())))
        {
            return [];
        }

        return await CommitAsync((work, now, events) =>
        {
            List<TaskItem> chosen;
            if (id is not null)
            {
                TaskItem t = ActiveOrThrow(work, id, null);
                if (t.Status != TaskColumn.Completed)
                {
                    throw new TaskConflictException($"Task '{id}' is {t.Status}; only completed tasks are archived.");
                }

                chosen = [t];
            }
            else
            {
                chosen = [.. work.Column(TaskColumn.Completed).Where(t => IsDue(t, olderThan ?? _settings.ArchiveAfter, now))];
            }

            var archived = new List<TaskItem>(chosen.Count);
            foreach (TaskItem t in chosen)
            {
                TaskItem a = t with { Version = t.Version + 1, UpdatedAt = now, ArchivedAt = now, DeviceId = _settings.DeviceId };
                work.RemoveActive(t.Id);
                work.Archived[t.Id] = a;
                archived.Add(a);
                events.Add(_ => new TaskArchived(a.Id, now));
            }

            return (IReadOnlyList<TaskItem>)archived;
        }, cancellationToken);
    }

    /// <summary>Brings an archived task back to the end of its column.</summary>
    public Task<TaskItem> RestoreAsync(string id, CancellationToken cancellationToken)
        => CommitAsync((work, now, events) =>
        {
            if (!work.Archived.TryGetValue(id, out TaskItem? old))
            {
                throw new TaskNotFoundException(id, "in the archive");
            }

            CheckWip(work, old.Status, movingId: null);
            TaskItem task = Touch(old with { ArchivedAt = null, Rank = Place(work, old.Status, null, null) }, old, now);
            work.SetActive(task);
            events.Add(s => new TaskUpdated(task.Id, task.Title, task.Status.ToString(), task.Priority.ToString(), task.Version, now));
            return task;
        }, cancellationToken);

    private static bool IsDue(TaskItem t, TimeSpan age, DateTimeOffset now)
        => t.Status == TaskColumn.Completed && (t.CompletedAt ?? t.UpdatedAt) <= now - age;

    /// <summary>Makes <paramref name="task"/> the next version of <paramref name="old"/>, stamping the fields that changed.</summary>
    private TaskItem Touch(TaskItem task, TaskItem old, DateTimeOffset now)
        => task with
        {
            Version = old.Version + 1,
            UpdatedAt = now,
            DeviceId = _settings.DeviceId,
            Clock = FieldMerge.Stamp(old, task, FieldStamp.Of(old.Version + 1, now, _settings.DeviceId)),
        };

    private static TaskItem ActiveOrThrow(BoardState work, string id, long? expectedVersion)
    {
        if (!work.Active.TryGetValue(id, out TaskItem? task))
        {
            throw work.Archived.ContainsKey(id)
                ? new TaskNotFoundException(id, "on the board (it is archived; restore it first)")
                : new TaskNotFoundException(id);
        }

        if (expectedVersion is { } v && v != task.Version)
        {
            throw new TaskConflictException($"Task '{id}' is at version {task.Version}, not {v}; reload and retry.");
        }

        return task;
    }

    private void CheckWip(BoardState work, TaskColumn column, string? movingId)
    {
        if (WipLimit(column) is not { } limit)
        {
            return;
        }

        int count = work.Column(column).Count(t => t.Id != movingId);
        if (count >= limit)
        {
            throw new WipLimitExceededException(column, limit, count);
        }
    }

    /// <returns>The task placed in <paramref name="status"/> at <paramref name="position"/>, and whether that changed anything.</returns>
    private (TaskItem Task, bool Moved) Relocate(BoardState work, TaskItem task, TaskColumn status, int? position, DateTimeOffset now)
    {
        if (position is < 0)
        {
            throw new TaskValidationException("position", "must be zero or more");
        }

        if (status == task.Status)
        {
            int current = work.PositionOf(task);
            if (position is null || position == current)
            {
                return (task, false);
            }
        }
        else
        {
            CheckWip(work, status, task.Id);
        }

        TaskItem moved = task with
        {
            Status = status,
            Rank = Place(work, status, position, task.Id),
            CompletedAt = status == TaskColumn.Completed ? (task.Status == TaskColumn.Completed ? task.CompletedAt : now) : null,
        };
        return (moved, true);
    }

    /// <summary>A rank for a task put at <paramref name="position"/> of a column (null appends).</summary>
    private string Place(BoardState work, TaskColumn column, int? position, string? movingId)
    {
        IReadOnlyList<TaskItem> all = work.Column(column);
        List<TaskItem> others = movingId is null ? [.. all] : [.. all.Where(t => t.Id != movingId)];
        int p = Math.Clamp(position ?? others.Count, 0, others.Count);
        string? rank = RankKey.Between(p > 0 ? others[p - 1].Rank : null, p < others.Count ? others[p].Rank : null);
        if (rank is not null)
        {
            return rank;
        }

        // Equal neighbouring ranks, left by concurrent moves on two devices: join their group (ties sort by id).
        // Re-ranking the neighbours instead would count as edits of tasks the user did not touch, and could
        // override a concurrent move of one of them elsewhere.
        LogRankTie(_logger, column);
        return p > 0 ? others[p - 1].Rank : others[p].Rank;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No rank between equal neighbours in {Column}; the task joins them")]
    private static partial void LogRankTie(ILogger logger, TaskColumn column);
}

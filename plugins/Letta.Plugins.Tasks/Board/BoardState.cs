using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>
/// The merged logical state of one board: every task id is active, archived or deleted (a tombstone), never
/// two at once. A state is mutated only while a commit holds the writer lock, then published and never
/// touched again, so readers use it without locking.
/// </summary>
internal sealed class BoardState
{
    private static readonly int ColumnCount = Enum.GetValues<TaskColumn>().Length;

    // Per-column order, built on demand. A clone shares the lists of columns nobody changed, so a commit
    // re-sorts only the columns it touched.
    private readonly IReadOnlyList<TaskItem>?[] _columns = new IReadOnlyList<TaskItem>?[ColumnCount];

    public BoardState()
    {
    }

    private BoardState(BoardState other)
    {
        Active = new Dictionary<string, TaskItem>(other.Active, StringComparer.Ordinal);
        Archived = new Dictionary<string, TaskItem>(other.Archived, StringComparer.Ordinal);
        Deleted = new Dictionary<string, Tombstone>(other.Deleted, StringComparer.Ordinal);
        Array.Copy(other._columns, _columns, ColumnCount);
    }

    public Dictionary<string, TaskItem> Active { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskItem> Archived { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Tombstone> Deleted { get; } = new(StringComparer.Ordinal);

    public BoardState Clone() => new(this);

    /// <summary>The winning stamp for an id, or null when the id is unknown.</summary>
    public EntryStamp? StampOf(string id)
    {
        if (Active.TryGetValue(id, out TaskItem? a))
        {
            return a.Stamp(EntryState.Active);
        }

        if (Archived.TryGetValue(id, out TaskItem? r))
        {
            return r.Stamp(EntryState.Archived);
        }

        return Deleted.TryGetValue(id, out Tombstone? t) ? t.Stamp() : null;
    }

    /// <summary>Removes every fact about an id.</summary>
    public void Forget(string id)
    {
        Active.Remove(id);
        Archived.Remove(id);
        Deleted.Remove(id);
    }

    /// <summary>Active tasks of one column in board order (rank, then id).</summary>
    public IReadOnlyList<TaskItem> Column(TaskColumn column)
    {
        IReadOnlyList<TaskItem>? list = Volatile.Read(ref _columns[(int)column]);
        if (list is null)
        {
            var built = new List<TaskItem>();
            foreach (TaskItem t in Active.Values)
            {
                if (t.Status == column)
                {
                    built.Add(t);
                }
            }

            built.Sort(BoardOrder.Compare);
            list = built;
            Volatile.Write(ref _columns[(int)column], list);
        }

        return list;
    }

    /// <summary>Adds or replaces an active task, dropping the cached order of the columns involved.</summary>
    public void SetActive(TaskItem task)
    {
        if (Active.TryGetValue(task.Id, out TaskItem? old))
        {
            _columns[(int)old.Status] = null;
        }

        Archived.Remove(task.Id);
        Deleted.Remove(task.Id);
        Active[task.Id] = task;
        _columns[(int)task.Status] = null;
    }

    /// <summary>Removes an active task (before it becomes archived or deleted).</summary>
    public void RemoveActive(string id)
    {
        if (Active.Remove(id, out TaskItem? old))
        {
            _columns[(int)old.Status] = null;
        }
    }

    /// <summary>Drops every cached column order; called after a merge.</summary>
    public void Invalidate() => Array.Clear(_columns);

    /// <summary>The zero-based position of an active task within its column.</summary>
    public int PositionOf(TaskItem task)
    {
        IReadOnlyList<TaskItem> column = Column(task.Status);
        int lo = 0, hi = column.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = BoardOrder.Compare(column[mid], task);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}

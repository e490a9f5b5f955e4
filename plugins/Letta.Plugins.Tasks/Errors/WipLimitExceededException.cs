using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks;

/// <summary>A column is at its work-in-progress limit (→ 409 with the limit).</summary>
internal sealed class WipLimitExceededException(TaskColumn column, int limit, int count)
    : Exception($"Column {column} is at its WIP limit of {limit} ({count} tasks).")
{
    public TaskColumn Column { get; } = column;

    public int Limit { get; } = limit;

    public int Count { get; } = count;
}

using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Board;

/// <summary>Order within a column: rank (ordinal), then id, so equal ranks from concurrent moves still sort the same everywhere.</summary>
internal static class BoardOrder
{
    public static int Compare(TaskItem? x, TaskItem? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int c = string.CompareOrdinal(x.Rank, y.Rank);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }
}

using System.Text;
using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Api;

/// <summary>Renders the board as columns side by side for a terminal (<c>letta tasks board</c>).</summary>
internal static class BoardTextRenderer
{
    public static string Render(TaskBoard board, int width, int maxRows)
    {
        TaskColumn[] columns = Enum.GetValues<TaskColumn>();
        int colWidth = Math.Max(12, (Math.Clamp(width, 40, 400) - (columns.Length - 1) * 3) / columns.Length);
        BoardState state = board.Current;
        var sb = new StringBuilder();
        if (board.BoardError is { } error)
        {
            sb.Append("! read-only: ").AppendLine(error.ToString());
        }

        var headers = columns.Select(c =>
        {
            int count = state.Column(c).Count;
            return board.WipLimit(c) is { } limit ? $"{Label(c)} ({count}/{limit})" : $"{Label(c)} ({count})";
        }).ToArray();
        AppendRow(sb, headers, colWidth);
        AppendRow(sb, [.. columns.Select(_ => new string('-', colWidth))], colWidth);

        int rows = Math.Min(maxRows, columns.Max(c => state.Column(c).Count));
        for (int r = 0; r < rows; r++)
        {
            AppendRow(sb, [.. columns.Select(c => state.Column(c) is { } list && r < list.Count ? Cell(list[r]) : "")], colWidth);
        }

        string[] more = [.. columns.Select(c => state.Column(c).Count > rows ? $"… {state.Column(c).Count - rows} more" : "")];
        if (more.Any(m => m.Length > 0))
        {
            AppendRow(sb, more, colWidth);
        }

        return sb.ToString();
    }

    private static string Label(TaskColumn c) => c == TaskColumn.InProgress ? "In progress" : c.ToString();

    private static string Cell(TaskItem t)
    {
        string mark = t.Priority switch
        {
            TaskPriority.Urgent => "!!",
            TaskPriority.High => "! ",
            _ => "  ",
        };
        return $"{mark}{t.Title} [{t.Id[..Math.Min(6, t.Id.Length)]}]";
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int width)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            string text = cells[i].ReplaceLineEndings(" ");
            text = text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);
            sb.Append(text);
            if (i < cells.Length - 1)
            {
                sb.Append(" | ");
            }
        }

        sb.Append('\n');
    }
}

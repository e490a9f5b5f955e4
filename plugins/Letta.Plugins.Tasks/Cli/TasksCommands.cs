using Letta.Cli;

namespace Letta.Plugins.Tasks.Cli;

/// <summary>The <c>letta tasks …</c> verbs; each is one call to an endpoint of <see cref="Api.TasksApi"/>.</summary>
internal static class TasksCommands
{
    private static readonly CliOption Tag = new("tag", "A tag (repeatable)") { AllowMultiple = true };

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("add", "Create a task", "POST", "")
        {
            Arguments = [new("title", "The task's title")],
            Options =
            [
                new("description", "Markdown description"),
                new("status", "Backlog (default), InProgress, Review or Completed"),
                new("priority", "Low, Medium (default), High or Urgent"),
                Tag,
                new("due", "Due date, e.g. 2026-12-31"),
                new("position", "Zero-based position in the column (default: last)", CliValueKind.Integer),
            ],
        },
        new("list", "List tasks", "GET", "")
        {
            Options =
            [
                new("status", "Only this status (repeatable)") { AllowMultiple = true },
                new("priority", "Only this priority (repeatable)") { AllowMultiple = true },
                Tag,
                new("dueBefore", "Only tasks due before this date"),
                new("text", "Only tasks whose title, description or tags contain this"),
            ],
        },
        new("board", "Show the board, columns side by side", "GET", "board/text")
        {
            Options = [new("width", "Terminal width (default 120)", CliValueKind.Integer), new("rows", "Rows per column (default 40)", CliValueKind.Integer)],
        },
        new("show", "Show one task", "GET", "{id}") { Arguments = [new("id", "The task's id")] },
        new("move", "Move a task to a column (and position)", "POST", "{id}/move")
        {
            Arguments = [new("id", "The task's id"), new("status", "Backlog, InProgress, Review or Completed")],
            Options = [new("position", "Zero-based position in the column (default: last)", CliValueKind.Integer)],
        },
        new("done", "Mark a task completed", "POST", "{id}/done") { Arguments = [new("id", "The task's id")] },
        new("edit", "Change a task's fields", "PATCH", "{id}")
        {
            Arguments = [new("id", "The task's id")],
            Options =
            [
                new("title", "New title"),
                new("description", "New markdown description"),
                new("priority", "Low, Medium, High or Urgent"),
                Tag,
                new("due", "Due date, e.g. 2026-12-31 (empty clears it)"),
            ],
        },
        new("delete", "Delete a task", "DELETE", "{id}") { Arguments = [new("id", "The task's id")] },
        new("archive", "Archive one completed task, or every completed task past the age limit", "POST", "archive")
        {
            Arguments = [new("id", "A completed task's id (default: all due)", Required: false)],
            Options = [new("olderThanDays", "Archive tasks completed at least this many days ago", CliValueKind.Integer)],
        },
        new("restore", "Bring a task back from the archive", "POST", "archive/{id}/restore") { Arguments = [new("id", "The archived task's id")] },
    ];
}

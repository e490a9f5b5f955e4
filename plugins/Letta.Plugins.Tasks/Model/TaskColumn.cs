namespace Letta.Plugins.Tasks.Model;

/// <summary>A task's status, which is also its board column; declaration order is the board's column order.</summary>
internal enum TaskColumn
{
    Backlog = 0,
    InProgress = 1,
    Review = 2,
    Completed = 3,
}

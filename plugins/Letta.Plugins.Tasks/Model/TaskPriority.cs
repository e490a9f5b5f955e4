namespace Letta.Plugins.Tasks.Model;

/// <summary>How urgent a task is.</summary>
internal enum TaskPriority
{
    Low = 0,
    Medium = 1,
    High = 2,
    Urgent = 3,
}

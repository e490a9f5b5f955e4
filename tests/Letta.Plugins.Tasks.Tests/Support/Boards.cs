using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Letta.Plugins.Tasks.Tests.Support;

/// <summary>Builds real boards on a folder (one per simulated device).</summary>
internal static class Boards
{
    public static TaskBoard Open(string folder, string deviceId, TimeProvider? time = null, Dictionary<TaskColumn, int>? wip = null, string? dataDirectory = null)
        => new(
            new BoardSettings
            {
                Folder = folder,
                DeviceId = deviceId,
                DataDirectory = dataDirectory,
                WipLimits = wip ?? [],
                LockTimeout = TimeSpan.FromSeconds(10),
            },
            time ?? new ManualTimeProvider(),
            NullLogger<TaskBoard>.Instance);

    public static Task<TaskItem> AddAsync(this TaskBoard board, string title, TaskColumn status = TaskColumn.Backlog, int? position = null)
        => board.CreateAsync(new NewTask { Title = title, Status = status, Position = position }, CancellationToken.None);

    public static string[] Titles(this TaskBoard board, TaskColumn column)
        => [.. board.Current.Column(column).Select(t => t.Title)];
}

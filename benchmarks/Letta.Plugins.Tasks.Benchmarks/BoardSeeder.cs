using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;

namespace Letta.Plugins.Tasks.Benchmarks;

/// <summary>Writes a realistic board straight to <c>tasks.json</c> (10,000 API calls would only slow the setup).</summary>
internal static class BoardSeeder
{
    public static void Seed(string folder, int count)
    {
        var random = new Random(10_000);
        var now = DateTimeOffset.UtcNow;
        var lastRank = new string?[4];
        var tasks = new List<TaskItem>(count);
        for (int i = 0; i < count; i++)
        {
            var status = (TaskColumn)(i % 4);
            string rank = RankKey.Between(lastRank[(int)status], null)!;
            lastRank[(int)status] = rank;
            tasks.Add(new TaskItem
            {
                Id = $"seed{i:D6}",
                Title = $"Task {i}: {Words(random, 6)}",
                Description = $"## Notes\n{Words(random, 40)}",
                Status = status,
                Priority = (TaskPriority)random.Next(4),
                Tags = [$"t{random.Next(10)}", $"area{random.Next(5)}"],
                DueDate = random.Next(3) == 0 ? now.AddDays(random.Next(-30, 90)) : null,
                Rank = rank,
                CreatedAt = now.AddDays(-random.Next(100)),
                UpdatedAt = now,
                CompletedAt = status == TaskColumn.Completed ? now : null,
                Version = 1 + random.Next(5),
                DeviceId = "seed",
                Clock = TaskClock.All(FieldStamp.Of(1, now, "seed")),
                ExternalRefs = random.Next(2) == 0 ? new Dictionary<string, string> { ["taskade"] = $"tk{i}" } : new Dictionary<string, string>(),
            });
        }

        Directory.CreateDirectory(folder);
        BoardFileStore.Write(Path.Combine(folder, "tasks.json"), new BoardDocument { WriteId = "seed", WrittenAt = now, DeviceId = "seed", Tasks = tasks }, TasksJsonContext.Default.BoardDocument);
    }

    private static string Words(Random random, int n)
    {
        string[] words = ["plan", "review", "ship", "fix", "write", "call", "design", "test", "deploy", "refactor", "meeting", "budget", "draft", "notes"];
        return string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
    }
}

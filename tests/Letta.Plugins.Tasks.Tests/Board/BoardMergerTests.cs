using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Tests.Board;

/// <summary>The merge rules, one concurrent combination per test (see README "Merge rules").</summary>
public sealed class BoardMergerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_EditVersusDeleteOfSameVersion_EditWins()
    {
        TaskItem edited = Task("x", "edited on A", version: 4, at: T0, device: "A");
        var deleted = new Tombstone { Id = "x", Version = 4, DeletedAt = T0.AddMinutes(5), DeviceId = "B" };

        BoardState one = Merged([edited], [], [deleted]);
        BoardState other = Merged([], [], [deleted], thenActive: [edited]);

        one.Active["x"].Title.ShouldBe("edited on A");
        other.Active["x"].Title.ShouldBe("edited on A");
        one.Deleted.ShouldBeEmpty();
    }

    [Fact]
    public void Merge_DeleteAfterSeeingEdit_DeleteWins()
    {
        TaskItem edited = Task("x", "edited", version: 4, at: T0, device: "A");
        var deleted = new Tombstone { Id = "x", Version = 5, DeletedAt = T0.AddMinutes(1), DeviceId = "B" };

        BoardState s = Merged([edited], [], [deleted]);

        s.Active.ShouldBeEmpty();
        s.Deleted["x"].Version.ShouldBe(5);
    }

    [Fact]
    public void Merge_EditUnseenByDeleter_ResurrectsTask()
    {
        // B deleted version 4 (tombstone 5); A meanwhile edited twice (version 6): nothing A did is lost.
        var deleted = new Tombstone { Id = "x", Version = 5, DeletedAt = T0.AddMinutes(9), DeviceId = "B" };
        TaskItem edited = Task("x", "edited twice", version: 6, at: T0, device: "A");

        Merged([edited], [], [deleted]).Active["x"].Title.ShouldBe("edited twice");
    }

    [Fact]
    public void Merge_ConcurrentEditsSameVersion_LaterTimestampWins()
    {
        TaskItem a = Task("x", "A's title", version: 3, at: T0, device: "A");
        TaskItem b = Task("x", "B's title", version: 3, at: T0.AddSeconds(1), device: "B");

        Merged([a, b], [], []).Active["x"].Title.ShouldBe("B's title");
        Merged([b, a], [], []).Active["x"].Title.ShouldBe("B's title");
    }

    [Fact]
    public void Merge_ConcurrentEditsSameVersionAndTime_LargerDeviceIdWins()
    {
        TaskItem a = Task("x", "A's title", version: 3, at: T0, device: "aaa");
        TaskItem b = Task("x", "B's title", version: 3, at: T0, device: "bbb");

        Merged([a, b], [], []).Active["x"].Title.ShouldBe("B's title");
        Merged([b, a], [], []).Active["x"].Title.ShouldBe("B's title");
    }

    [Fact]
    public void Merge_ArchiveVersusOlderEdit_StaysArchived()
    {
        TaskItem active = Task("x", "done", version: 3, at: T0, device: "A", status: TaskColumn.Completed);
        TaskItem archived = active with { Version = 4, ArchivedAt = T0.AddDays(8), UpdatedAt = T0.AddDays(8) };

        BoardState s = Merged([active], [archived], []);

        s.Active.ShouldBeEmpty();
        s.Archived["x"].Version.ShouldBe(4);
    }

    [Fact]
    public void Merge_ArchiveVersusConcurrentEdit_EditReturnsTaskToBoard()
    {
        TaskItem archived = Task("x", "done", version: 4, at: T0, device: "B", status: TaskColumn.Completed) with { ArchivedAt = T0 };
        TaskItem edited = Task("x", "done, with a late note", version: 4, at: T0.AddMinutes(-1), device: "A", status: TaskColumn.Completed);

        BoardState s = Merged([edited], [archived], []);

        s.Active["x"].Title.ShouldBe("done, with a late note");
        s.Archived.ShouldBeEmpty();
    }

    [Fact]
    public void Merge_ArchiveVersusDeleteOfSameVersion_ArchiveKeepsTheTask()
    {
        TaskItem archived = Task("x", "done", version: 4, at: T0, device: "A", status: TaskColumn.Completed) with { ArchivedAt = T0 };
        var deleted = new Tombstone { Id = "x", Version = 4, DeletedAt = T0.AddHours(1), DeviceId = "B" };

        Merged([], [archived], [deleted]).Archived.ShouldContainKey("x");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Merge_RandomFactsInAnyOrder_Converges(bool withTombstones, bool withFieldClocks)
    {
        var random = new Random(7);
        var facts = new List<object>();
        for (int i = 0; i < 400; i++)
        {
            string id = "t" + random.Next(40);
            long version = random.Next(1, 6);
            DateTimeOffset at = T0.AddSeconds(random.Next(5));
            string device = random.Next(2) == 0 ? "A" : "B";
            // Realistic facts: one stamp always describes one write, so equal stamps carry equal values.
            TaskClock? clock = withFieldClocks ? RandomClock(random, version) : null;
            FieldStamp whole = FieldStamp.Of(version, at, device);
            TaskItem task = Task(id, $"title@{clock?.Title ?? whole}", version, at, device) with
            {
                Priority = (TaskPriority)Math.Abs((clock?.Priority ?? whole).GetHashCode() % 4),
                Status = (TaskColumn)Math.Abs((clock?.Place ?? whole).GetHashCode() % 4),
                Clock = clock,
            };
            facts.Add((withTombstones ? random.Next(3) : 1 + random.Next(2)) switch
            {
                0 => new Tombstone { Id = id, Version = version, DeletedAt = at, DeviceId = device },
                1 => task with { ArchivedAt = at },
                _ => task,
            });
        }

        string Fingerprint(IEnumerable<object> order)
        {
            var s = new BoardState();
            foreach (object f in order)
            {
                switch (f)
                {
                    case Tombstone t: BoardMerger.Merge(s, [], [], [t]); break;
                    case TaskItem a when a.ArchivedAt is not null: BoardMerger.Merge(s, [], [a], []); break;
                    case TaskItem a: BoardMerger.Merge(s, [a], [], []); break;
                }
            }

            BoardMerger.Merge(s, s.Clone()).ShouldBeFalse("merging a state into itself changes nothing");
            return string.Join(";", s.Active.Values.Select(t => $"A{t.Id}{t.Title}{t.Priority}{t.Status}{t.Version}")
                .Concat(s.Archived.Values.Select(t => $"R{t.Id}{t.Title}{t.Priority}{t.Status}{t.Version}"))
                .Concat(s.Deleted.Values.Select(t => "D" + t.Id + t.Version + t.DeviceId)).Order(StringComparer.Ordinal));
        }

        string expected = Fingerprint(facts);
        for (int round = 0; round < 5; round++)
        {
            Fingerprint(facts.OrderBy(_ => random.Next())).ShouldBe(expected);
        }
    }

    [Fact]
    public void Merge_ConcurrentEditsOfDifferentFields_BothSurvive()
    {
        TaskItem baseTask = Task("x", "draft", version: 3, at: T0, device: "A") with { Clock = TaskClock.All(FieldStamp.Of(1, T0, "A")) };
        TaskItem titleOnA = baseTask with
        {
            Title = "final title",
            Version = 4,
            UpdatedAt = T0.AddMinutes(1),
            Clock = baseTask.Clock! with { Title = FieldStamp.Of(4, T0.AddMinutes(1), "A") },
        };
        TaskItem movedOnB = baseTask with
        {
            Status = TaskColumn.Review,
            Priority = TaskPriority.Urgent,
            Version = 4,
            UpdatedAt = T0.AddMinutes(2),
            DeviceId = "B",
            Clock = baseTask.Clock! with { Place = FieldStamp.Of(4, T0.AddMinutes(2), "B"), Priority = FieldStamp.Of(4, T0.AddMinutes(2), "B") },
        };

        foreach (BoardState s in new[] { Merged([titleOnA, movedOnB], [], []), Merged([movedOnB, titleOnA], [], []) })
        {
            TaskItem t = s.Active["x"];
            t.Title.ShouldBe("final title");
            t.Status.ShouldBe(TaskColumn.Review);
            t.Priority.ShouldBe(TaskPriority.Urgent);
        }
    }

    [Fact]
    public void Merge_EditOfTaskArchivedElsewhere_LandsInTheArchiveCopy()
    {
        TaskItem done = Task("x", "done", version: 3, at: T0, device: "A", status: TaskColumn.Completed) with { Clock = TaskClock.All(FieldStamp.Of(1, T0, "A")) };
        TaskItem archivedOnB = done with { Version = 5, ArchivedAt = T0.AddDays(8), UpdatedAt = T0.AddDays(8), DeviceId = "B" };
        TaskItem editedOnA = done with
        {
            Description = "late note",
            Version = 4,
            UpdatedAt = T0.AddDays(8).AddMinutes(1),
            Clock = done.Clock! with { Description = FieldStamp.Of(4, T0.AddDays(8).AddMinutes(1), "A") },
        };

        BoardState s = Merged([editedOnA], [archivedOnB], []);

        s.Active.ShouldBeEmpty();
        s.Archived["x"].Description.ShouldBe("late note");
        s.Archived["x"].Version.ShouldBe(5);
    }

    private static TaskClock RandomClock(Random random, long version)
    {
        FieldStamp Next() => new(random.Next(1, (int)version + 1), random.Next(3), random.Next(2) == 0 ? "A" : "B");
        return new TaskClock { Title = Next(), Description = Next(), Priority = Next(), Tags = Next(), DueDate = Next(), ExternalRefs = Next(), Place = Next() };
    }

    private static BoardState Merged(TaskItem[] active, TaskItem[] archived, Tombstone[] deleted, TaskItem[]? thenActive = null)
    {
        var s = new BoardState();
        BoardMerger.Merge(s, active, archived, deleted);
        if (thenActive is not null)
        {
            BoardMerger.Merge(s, thenActive, [], []);
        }

        return s;
    }

    private static TaskItem Task(string id, string title, long version, DateTimeOffset at, string device, TaskColumn status = TaskColumn.Backlog)
        => new()
        {
            Id = id,
            Title = title,
            Status = status,
            Version = version,
            CreatedAt = T0,
            UpdatedAt = at,
            DeviceId = device,
        };
}

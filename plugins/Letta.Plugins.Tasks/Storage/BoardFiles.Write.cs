using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>Writing the board and the archive, and telling whether a state differs from what they hold.</summary>
internal sealed partial class BoardFiles
{
    /// <summary>
    /// Writes the state. A crash between the two files never loses a task: the file that gains full task copies
    /// is written first, and the archive drops stale copies only after the board holds their successors.
    /// </summary>
    /// <param name="work">The state to write.</param>
    /// <param name="now">The write time stamped into the files.</param>
    /// <param name="forceBoard">Write <c>tasks.json</c> even when it already holds this state.</param>
    /// <exception cref="BoardReadOnlyException">The archive must change but cannot be read.</exception>
    public void Persist(BoardState work, DateTimeOffset now, bool forceBoard)
    {
        bool gains = false;
        foreach ((string id, TaskItem t) in work.Archived)
        {
            if (!_archiveDisk.TryGetValue(id, out TaskItem? onDisk) || !ReferenceEquals(onDisk, t))
            {
                gains = true;
                break;
            }
        }

        bool stale = _archiveDisk.Keys.Any(id => !work.Archived.ContainsKey(id));
        if ((gains || stale) && ArchiveError is not null)
        {
            throw new BoardReadOnlyException(ArchiveError);
        }

        try
        {
            if (gains)
            {
                var union = new Dictionary<string, TaskItem>(work.Archived, StringComparer.Ordinal);
                foreach ((string id, TaskItem t) in _archiveDisk)
                {
                    union.TryAdd(id, t);
                }

                WriteArchive(union, now);
            }

            if (forceBoard || !BoardMatches(work) || !_boardSig.Exists)
            {
                WriteBoard(work, now);
            }

            if (stale)
            {
                WriteArchive(new Dictionary<string, TaskItem>(work.Archived, StringComparer.Ordinal), now);
            }
        }
        catch
        {
            // What reached the disk is unknown now: read everything again next time.
            _boardSig = FileSignature.None;
            _archiveSig = FileSignature.None;
            throw;
        }
    }

    /// <summary>Writes <c>tasks.json</c> alone, when it does not hold <paramref name="work"/> already.</summary>
    public void PersistBoardOnly(BoardState work, DateTimeOffset now)
    {
        if (!BoardMatches(work))
        {
            WriteBoard(work, now);
        }
    }

    /// <summary>Whether <c>tasks.json</c> holds exactly the active tasks and tombstones of <paramref name="work"/>.</summary>
    public bool BoardMatches(BoardState work)
    {
        if (_boardDisk.Count != work.Active.Count + work.Deleted.Count)
        {
            return false;
        }

        foreach ((string id, TaskItem t) in work.Active)
        {
            if (!_boardDisk.TryGetValue(id, out object? onDisk) || !ReferenceEquals(onDisk, t))
            {
                return false;
            }
        }

        foreach ((string id, Tombstone t) in work.Deleted)
        {
            if (!_boardDisk.TryGetValue(id, out object? onDisk) || !ReferenceEquals(onDisk, t))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <c>task_archive.json</c> holds exactly the archived tasks of <paramref name="work"/>.</summary>
    public bool ArchiveMatches(BoardState work) =>
        _archiveDisk.Count == work.Archived.Count
        && work.Archived.All(kv => _archiveDisk.TryGetValue(kv.Key, out TaskItem? d) && ReferenceEquals(d, kv.Value));

    private void WriteBoard(BoardState work, DateTimeOffset now)
    {
        var doc = new BoardDocument
        {
            WriteId = Guid.NewGuid().ToString("N"),
            WrittenAt = now,
            DeviceId = settings.DeviceId,
            Tasks = [.. work.Active.Values],
            Tombstones = [.. work.Deleted.Values],
        };
        _boardSig = BoardFileStore.Write(settings.BoardPath, doc, TasksJsonContext.Default.BoardDocument);
        _boardDisk = BoardDiskMap(doc);
    }

    private void WriteArchive(Dictionary<string, TaskItem> tasks, DateTimeOffset now)
    {
        var doc = new ArchiveDocument
        {
            WriteId = Guid.NewGuid().ToString("N"),
            WrittenAt = now,
            DeviceId = settings.DeviceId,
            Tasks = [.. tasks.Values.OrderBy(t => t.ArchivedAt).ThenBy(t => t.Id, StringComparer.Ordinal)],
        };
        _archiveSig = BoardFileStore.Write(settings.ArchivePath, doc, TasksJsonContext.Default.ArchiveDocument);
        _archiveDisk = tasks;
    }
}

using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>Reading, merging and writing the files. Every method here runs under the writer lock.</summary>
internal sealed partial class TaskBoard
{
    private readonly Dictionary<string, (FileSignature Signature, BoardFileError Error)> _badCopies = new(StringComparer.Ordinal);
    private FileSignature _boardSig = FileSignature.None;
    private FileSignature _archiveSig = FileSignature.None;
    private FileSignature _lastGoodSig = FileSignature.None;
    // Exactly the objects each file holds (as last read or written), compared by reference.
    private Dictionary<string, object> _boardDisk = new(StringComparer.Ordinal);
    private Dictionary<string, TaskItem> _archiveDisk = new(StringComparer.Ordinal);

    // True when the published state holds facts the files lack (e.g. a merge whose write-back failed).
    private bool _dirty;

    /// <summary>
    /// Re-reads whatever changed on disk since we last read or wrote it — the board, the archive and any
    /// cloud conflict copies — and merges it into a copy of <paramref name="state"/>.
    /// </summary>
    /// <returns><paramref name="state"/> itself when nothing new was found, else the merged copy.</returns>
    private BoardState Refresh(BoardState state, List<string> mergedCopies)
    {
        BoardState? work = null;
        BoardState Work() => work ??= state.Clone();

        FileSignature boardSig = FileSignature.Of(_settings.BoardPath);
        if (boardSig != _boardSig)
        {
            ReadResult<BoardDocument> r = BoardFileStore.ReadBoard(_settings.BoardPath);
            _boardSig = r.Signature;
            if (r.Error is not null)
            {
                if (BoardError?.ToString() != r.Error.ToString())
                {
                    _logger.LogError("Task board file is unusable; writes are refused until it is fixed: {Error}", r.Error);
                }

                BoardError = r.Error;
            }
            else
            {
                if (BoardError is not null)
                {
                    _logger.LogInformation("Task board file {Path} is readable again", _settings.BoardPath);
                }

                BoardError = null;
                _boardDisk = new Dictionary<string, object>(StringComparer.Ordinal);
                if (r.Document is { } doc)
                {
                    foreach (TaskItem t in doc.Tasks)
                    {
                        _boardDisk[t.Id] = t;
                    }

                    foreach (Tombstone t in doc.Tombstones)
                    {
                        _boardDisk[t.Id] = t;
                    }

                    BoardMerger.Merge(Work(), doc.Tasks, [], doc.Tombstones);
                }
            }
        }

        FileSignature archiveSig = FileSignature.Of(_settings.ArchivePath);
        if (archiveSig != _archiveSig)
        {
            ReadResult<ArchiveDocument> r = BoardFileStore.ReadArchive(_settings.ArchivePath);
            _archiveSig = r.Signature;
            if (r.Error is not null)
            {
                if (ArchiveError?.ToString() != r.Error.ToString())
                {
                    _logger.LogError("Task archive file is unusable; archive and restore are refused until it is fixed: {Error}", r.Error);
                }

                ArchiveError = r.Error;
            }
            else
            {
                ArchiveError = null;
                _archiveDisk = new Dictionary<string, TaskItem>(StringComparer.Ordinal);
                if (r.Document is { } doc)
                {
                    foreach (TaskItem t in doc.Tasks)
                    {
                        _archiveDisk[t.Id] = t;
                    }

                    BoardMerger.Merge(Work(), [], doc.Tasks, []);
                }
            }
        }

        foreach (string copy in ConflictCopies.Find(_settings.Folder, BoardSettings.BoardFileName))
        {
            if (ReadCopy(copy, BoardFileStore.ReadBoard) is { } doc)
            {
                BoardMerger.Merge(Work(), doc.Tasks, [], doc.Tombstones);
                mergedCopies.Add(copy);
            }
        }

        foreach (string copy in ConflictCopies.Find(_settings.Folder, BoardSettings.ArchiveFileName))
        {
            if (ReadCopy(copy, BoardFileStore.ReadArchive) is { } doc)
            {
                BoardMerger.Merge(Work(), [], doc.Tasks, []);
                mergedCopies.Add(copy);
            }
        }

        return work ?? state;
    }

    private T? ReadCopy<T>(string path, Func<string, ReadResult<T>> read)
        where T : class
    {
        FileSignature sig = FileSignature.Of(path);
        if (_badCopies.TryGetValue(path, out var bad) && bad.Signature == sig)
        {
            return null;
        }

        ReadResult<T> r = read(path);
        if (r.Error is not null)
        {
            _logger.LogWarning("Conflict copy left in place because it cannot be merged: {Error}", r.Error);
            _badCopies[path] = (r.Signature, r.Error);
            return null;
        }

        _badCopies.Remove(path);
        return r.Document;
    }

    /// <summary>
    /// Writes the state. A crash between the two files never loses a task: the file that gains full task copies
    /// is written first, and the archive drops stale copies only after the board holds their successors.
    /// </summary>
    private void Persist(BoardState work, DateTimeOffset now, bool forceBoard)
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

            if (forceBoard || !BoardMatchesDisk(work) || !_boardSig.Exists)
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

    private void WriteBoard(BoardState work, DateTimeOffset now)
    {
        var doc = new BoardDocument
        {
            WriteId = Guid.NewGuid().ToString("N"),
            WrittenAt = now,
            DeviceId = _settings.DeviceId,
            Tasks = [.. work.Active.Values],
            Tombstones = [.. work.Deleted.Values],
        };
        _boardSig = BoardFileStore.Write(_settings.BoardPath, doc, TasksJsonContext.Default.BoardDocument);
        var disk = new Dictionary<string, object>(work.Active.Count + work.Deleted.Count, StringComparer.Ordinal);
        foreach (TaskItem t in doc.Tasks)
        {
            disk[t.Id] = t;
        }

        foreach (Tombstone t in doc.Tombstones)
        {
            disk[t.Id] = t;
        }

        _boardDisk = disk;
    }

    private void WriteArchive(Dictionary<string, TaskItem> tasks, DateTimeOffset now)
    {
        var doc = new ArchiveDocument
        {
            WriteId = Guid.NewGuid().ToString("N"),
            WrittenAt = now,
            DeviceId = _settings.DeviceId,
            Tasks = [.. tasks.Values.OrderBy(t => t.ArchivedAt).ThenBy(t => t.Id, StringComparer.Ordinal)],
        };
        _archiveSig = BoardFileStore.Write(_settings.ArchivePath, doc, TasksJsonContext.Default.ArchiveDocument);
        _archiveDisk = tasks;
    }

    private bool BoardMatchesDisk(BoardState work)
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

    private bool CollectGarbage(BoardState work, DateTimeOffset now)
    {
        DateTimeOffset cutoff = now - _settings.TombstoneRetention;
        List<string>? expired = null;
        foreach ((string id, Tombstone t) in work.Deleted)
        {
            if (t.DeletedAt < cutoff)
            {
                (expired ??= []).Add(id);
            }
        }

        foreach (string id in expired ?? [])
        {
            work.Deleted.Remove(id);
        }

        return expired is not null;
    }

    private void DeleteMergedCopies(List<string> copies)
    {
        foreach (string copy in copies)
        {
            _logger.LogInformation("Merged and removed cloud conflict copy {Copy}", copy);
            BoardFileStore.TryDelete(copy);
        }
    }
}

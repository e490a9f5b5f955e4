using Letta.Plugins.Tasks.Board;
using Letta.Plugins.Tasks.Model;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Storage;

/// <summary>
/// The board's state on disk: <c>tasks.json</c>, <c>task_archive.json</c>, cloud conflict copies, the writer lock
/// and the local last-good copy. Remembers what each file held when last read or written, so it re-reads only what
/// changed and writes only what differs. Every member except <see cref="AcquireAsync"/> runs under the writer lock.
/// </summary>
internal sealed partial class BoardFiles(BoardSettings settings, ILogger logger) : IDisposable
{
    private readonly WriterLock _lock = new(settings.LockPath, settings.LockTimeout);
    private readonly Dictionary<string, (FileSignature Signature, BoardFileError Error)> _badCopies = new(StringComparer.Ordinal);
    private readonly string? _lastGoodPath = settings.DataDirectory is null ? null : Path.Combine(settings.DataDirectory, "last-good-" + BoardSettings.BoardFileName);
    private FileSignature _boardSig = FileSignature.None;
    private FileSignature _archiveSig = FileSignature.None;
    private FileSignature _lastGoodSig = FileSignature.None;
    private BoardFileError? _boardError;
    private BoardFileError? _archiveError;

    // Exactly the objects each file holds (as last read or written), compared by reference.
    private Dictionary<string, object> _boardDisk = new(StringComparer.Ordinal);
    private Dictionary<string, TaskItem> _archiveDisk = new(StringComparer.Ordinal);

    /// <summary>Why <c>tasks.json</c> cannot be used (writes refused, reads served from the last good copy); null when fine.</summary>
    public BoardFileError? BoardError => _boardError;

    /// <summary>Why <c>task_archive.json</c> cannot be used (archive and restore refused); null when fine.</summary>
    public BoardFileError? ArchiveError => _archiveError;

    /// <summary>Conflict copies that could not be parsed and were left in place.</summary>
    public IReadOnlyList<BoardFileError> BadConflictCopies => [.. _badCopies.Values.Select(v => v.Error)];

    /// <summary>Whether <c>tasks.json</c> existed when last read or written.</summary>
    public bool BoardFileExists => _boardSig.Exists;

    /// <summary>Takes the writer lock (within this process and between processes of this machine).</summary>
    public ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken) => _lock.AcquireAsync(cancellationToken);

    /// <summary>Creates the task folder and the lock file's folder.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(settings.Folder);
        Directory.CreateDirectory(Path.GetDirectoryName(settings.LockPath)!);
    }

    /// <summary>Removes temp files a killed writer left behind.</summary>
    public void DeleteStaleTemps()
    {
        BoardFileStore.DeleteStaleTemps(settings.Folder, BoardSettings.BoardFileName);
        BoardFileStore.DeleteStaleTemps(settings.Folder, BoardSettings.ArchiveFileName);
    }

    /// <summary>
    /// Re-reads whatever changed on disk since it was last read or written — the board, the archive and any cloud
    /// conflict copies — and returns each readable one's content, in that order, to be merged.
    /// </summary>
    /// <param name="mergedCopies">Receives the conflict copies returned, to delete once the merge is written.</param>
    public List<BoardDelta> ReadChanges(List<string> mergedCopies)
    {
        var changes = new List<BoardDelta>();
        FileSignature boardSig = FileSignature.Of(settings.BoardPath);
        if (boardSig != _boardSig && ReadBoard() is { } board)
        {
            changes.Add(board);
        }

        FileSignature archiveSig = FileSignature.Of(settings.ArchivePath);
        if (archiveSig != _archiveSig && ReadArchive() is { } archive)
        {
            changes.Add(archive);
        }

        foreach (string copy in ConflictCopies.Find(settings.Folder, BoardSettings.BoardFileName))
        {
            if (ReadCopy(copy, BoardFileStore.ReadBoard) is { } doc)
            {
                changes.Add(new BoardDelta(doc.Tasks, [], doc.Tombstones));
                mergedCopies.Add(copy);
            }
        }

        foreach (string copy in ConflictCopies.Find(settings.Folder, BoardSettings.ArchiveFileName))
        {
            if (ReadCopy(copy, BoardFileStore.ReadArchive) is { } doc)
            {
                changes.Add(new BoardDelta([], doc.Tasks, []));
                mergedCopies.Add(copy);
            }
        }

        return changes;
    }

    /// <summary>Deletes conflict copies whose content is now written into the board files.</summary>
    public void DeleteMergedCopies(List<string> copies)
    {
        foreach (string copy in copies)
        {
            LogCopyMerged(logger, copy);
            BoardFileStore.TryDelete(copy);
        }
    }

    /// <summary>The local copy of the last good board, or null when there is none.</summary>
    public BoardDocument? ReadLastGoodCopy() => _lastGoodPath is null ? null : BoardFileStore.ReadBoard(_lastGoodPath).Document;

    /// <summary>Keeps a local copy of <c>tasks.json</c> while it is good, to serve if the shared file breaks.</summary>
    public void UpdateLastGoodCopy()
    {
        if (_lastGoodPath is null || BoardError is not null || !_boardSig.Exists || _boardSig == _lastGoodSig)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(settings.DataDirectory!);
            string tmp = _lastGoodPath + ".tmp";
            File.Copy(settings.BoardPath, tmp, overwrite: true);
            File.Move(tmp, _lastGoodPath, overwrite: true);
            _lastGoodSig = _boardSig;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogLastGoodCopyFailed(logger, ex);
        }
    }

    public void Dispose() => _lock.Dispose();

    private BoardDelta? ReadBoard()
    {
        ReadResult<BoardDocument> r = BoardFileStore.ReadBoard(settings.BoardPath);
        _boardSig = r.Signature;
        bool wasUnusable = _boardError is not null;
        if (!Readable(r.Error, ref _boardError, LogBoardUnusable))
        {
            return null;
        }

        if (wasUnusable)
        {
            LogBoardReadable(logger, settings.BoardPath);
        }

        _boardDisk = r.Document is { } doc ? BoardDiskMap(doc) : new Dictionary<string, object>(StringComparer.Ordinal);
        return r.Document is { } read ? new BoardDelta(read.Tasks, [], read.Tombstones) : null;
    }

    private BoardDelta? ReadArchive()
    {
        ReadResult<ArchiveDocument> r = BoardFileStore.ReadArchive(settings.ArchivePath);
        _archiveSig = r.Signature;
        if (!Readable(r.Error, ref _archiveError, LogArchiveUnusable))
        {
            return null;
        }

        _archiveDisk = new Dictionary<string, TaskItem>(StringComparer.Ordinal);
        if (r.Document is not { } doc)
        {
            return null;
        }

        foreach (TaskItem t in doc.Tasks)
        {
            _archiveDisk[t.Id] = t;
        }

        return new BoardDelta([], doc.Tasks, []);
    }

    /// <summary>Keeps a file's read error (logged when it differs from the one kept) and says whether it was readable.</summary>
    private bool Readable(BoardFileError? error, ref BoardFileError? kept, Action<ILogger, BoardFileError> logUnusable)
    {
        if (error is null)
        {
            kept = null;
            return true;
        }

        if (kept?.ToString() != error.ToString())
        {
            logUnusable(logger, error);
        }

        kept = error;
        return false;
    }

    /// <summary>Exactly the objects <c>tasks.json</c> holds, by id, to compare states with by reference.</summary>
    private static Dictionary<string, object> BoardDiskMap(BoardDocument doc)
    {
        var disk = new Dictionary<string, object>(doc.Tasks.Count + doc.Tombstones.Count, StringComparer.Ordinal);
        foreach (TaskItem t in doc.Tasks)
        {
            disk[t.Id] = t;
        }

        foreach (Tombstone t in doc.Tombstones)
        {
            disk[t.Id] = t;
        }

        return disk;
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
            LogCopyLeft(logger, r.Error);
            _badCopies[path] = (r.Signature, r.Error);
            return null;
        }

        _badCopies.Remove(path);
        return r.Document;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Task board file is unusable; writes are refused until it is fixed: {Error}")]
    private static partial void LogBoardUnusable(ILogger logger, BoardFileError error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task board file {Path} is readable again")]
    private static partial void LogBoardReadable(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task archive file is unusable; archive and restore are refused until it is fixed: {Error}")]
    private static partial void LogArchiveUnusable(ILogger logger, BoardFileError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conflict copy left in place because it cannot be merged: {Error}")]
    private static partial void LogCopyLeft(ILogger logger, BoardFileError error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged and removed cloud conflict copy {Copy}")]
    private static partial void LogCopyMerged(ILogger logger, string copy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not refresh the local last good copy of the board")]
    private static partial void LogLastGoodCopyFailed(ILogger logger, Exception exception);
}

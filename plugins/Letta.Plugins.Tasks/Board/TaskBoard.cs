using Letta.Messaging;
using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>
/// The task board of one folder, in memory. Reads use the last published <see cref="BoardState"/> without locking;
/// every change runs the commit pipeline (lock → merge what changed on disk → apply → write → publish), with the
/// files themselves kept by <see cref="BoardFiles"/> and merged by <see cref="BoardMerger"/>.
/// </summary>
internal sealed partial class TaskBoard : IDisposable
{
    private readonly BoardSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<TaskBoard> _logger;
    private readonly IMessageHub? _hub;
    private readonly BoardFiles _files;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private BoardState _current = new();
    private volatile bool _loaded;

    // True when the published state holds facts the files lack (e.g. a merge whose write-back failed).
    private bool _dirty;

    public TaskBoard(BoardSettings settings, TimeProvider time, ILogger<TaskBoard> logger, IMessageHub? hub = null)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _hub = hub;
        _files = new BoardFiles(settings, logger);
    }

    public BoardSettings Settings => _settings;

    /// <summary>The last published state. Never mutated.</summary>
    public BoardState Current => Volatile.Read(ref _current);

    /// <summary>Why <c>tasks.json</c> cannot be used (writes refused, reads served from the last good copy); null when fine.</summary>
    public BoardFileError? BoardError => _files.BoardError;

    /// <summary>Why <c>task_archive.json</c> cannot be used (archive and restore refused); null when fine.</summary>
    public BoardFileError? ArchiveError => _files.ArchiveError;

    /// <summary>Why the folder could not be used at all on the last attempt; null when fine.</summary>
    public string? FolderError { get; private set; }

    /// <summary>Conflict copies that could not be parsed and were left in place.</summary>
    public IReadOnlyList<BoardFileError> BadConflictCopies => _files.BadConflictCopies;

    /// <summary>Loads the board once; later calls return at once. Never throws for a bad file (the board degrades instead).</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            _files.Prepare();
            BoardState? lastGood = LastGoodState();
            using (await _files.AcquireAsync(cancellationToken))
            {
                _files.DeleteStaleTemps();
                SyncLocked();
                if (BoardError is not null && lastGood is not null)
                {
                    // Nothing good was read this run: serve the local copy of the last good board.
                    BoardState served = Current.Clone();
                    BoardMerger.Merge(served, lastGood);
                    Publish(served);
                }
            }

            FolderError = null;
            _loaded = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FolderError = $"{_settings.Folder}: {ex.Message}";
            LogFolderUnusable(_logger, ex, _settings.Folder);
            throw new BoardBusyException($"The task folder {_settings.Folder} is not usable: {ex.Message}");
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Active tasks matching a filter, in board order (columns in order, then position).</summary>
    public IReadOnlyList<PlacedTask> List(TaskFilter filter)
    {
        BoardState state = Current;
        var result = new List<PlacedTask>();
        foreach (TaskColumn column in Enum.GetValues<TaskColumn>())
        {
            if (filter.Statuses is { Count: > 0 } && !filter.Statuses.Contains(column))
            {
                continue;
            }

            IReadOnlyList<TaskItem> tasks = state.Column(column);
            for (int i = 0; i < tasks.Count; i++)
            {
                if (filter.Matches(tasks[i]))
                {
                    result.Add(new PlacedTask(tasks[i], i));
                }
            }
        }

        return result;
    }

    /// <summary>An active task, or else an archived one, or null.</summary>
    public PlacedTask? Find(string id)
    {
        BoardState state = Current;
        if (state.Active.TryGetValue(id, out TaskItem? t))
        {
            return new PlacedTask(t, state.PositionOf(t));
        }

        return state.Archived.TryGetValue(id, out TaskItem? a) ? new PlacedTask(a, -1, IsArchived: true) : null;
    }

    /// <summary>Archived tasks matching a filter, most recently archived first.</summary>
    public IReadOnlyList<TaskItem> ListArchive(TaskFilter filter)
        => [.. Current.Archived.Values.Where(filter.Matches).OrderByDescending(t => t.ArchivedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];

    public int? WipLimit(TaskColumn column) => _settings.WipLimits.TryGetValue(column, out int l) ? l : null;

    public void Dispose()
    {
        _files.Dispose();
        _loadGate.Dispose();
    }

    private BoardState? LastGoodState()
    {
        if (_files.ReadLastGoodCopy() is not { } doc)
        {
            return null;
        }

        var state = new BoardState();
        BoardMerger.Merge(state, doc.Tasks, [], doc.Tombstones);
        return state;
    }

    private void Publish(BoardState state) => Volatile.Write(ref _current, state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task folder {Folder} is not usable")]
    private static partial void LogFolderUnusable(ILogger logger, Exception exception, string folder);
}

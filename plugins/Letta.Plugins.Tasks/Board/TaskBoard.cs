using Letta.Messaging;
using Letta.Plugins.Tasks.Model;
using Letta.Plugins.Tasks.Storage;
using Microsoft.Extensions.Logging;

namespace Letta.Plugins.Tasks.Board;

/// <summary>
/// The task board of one folder. Reads use the last published <see cref="BoardState"/> without locking; every
/// change runs the commit pipeline (lock → reload and merge what changed on disk → apply → write → publish).
/// </summary>
internal sealed partial class TaskBoard : IDisposable
{
    private readonly BoardSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<TaskBoard> _logger;
    private readonly IMessageHub? _hub;
    private readonly WriterLock _lock;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private BoardState _current = new();
    private volatile bool _loaded;
    private BoardState? _lastGood;

    public TaskBoard(BoardSettings settings, TimeProvider time, ILogger<TaskBoard> logger, IMessageHub? hub = null)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _hub = hub;
        _lock = new WriterLock(settings.LockPath, settings.LockTimeout);
    }

    public BoardSettings Settings => _settings;

    /// <summary>The last published state. Never mutated.</summary>
    public BoardState Current => Volatile.Read(ref _current);

    /// <summary>Why <c>tasks.json</c> cannot be used (writes refused, reads served from the last good copy); null when fine.</summary>
    public BoardFileError? BoardError { get; private set; }

    /// <summary>Why <c>task_archive.json</c> cannot be used (archive and restore refused); null when fine.</summary>
    public BoardFileError? ArchiveError { get; private set; }

    /// <summary>Why the folder could not be used at all on the last attempt; null when fine.</summary>
    public string? FolderError { get; private set; }

    /// <summary>Conflict copies that could not be parsed and were left in place.</summary>
    public IReadOnlyList<BoardFileError> BadConflictCopies => [.. _badCopies.Values.Select(v => v.Error)];

    /// <summary>Loads the board once; later calls return at once. Never throws for a bad file (the board degrades instead).</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            Directory.CreateDirectory(_settings.Folder);
            Directory.CreateDirectory(Path.GetDirectoryName(_settings.LockPath)!);
            LoadLastGoodCopy();
            using (await _lock.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                BoardFileStore.DeleteStaleTemps(_settings.Folder, BoardSettings.BoardFileName);
                BoardFileStore.DeleteStaleTemps(_settings.Folder, BoardSettings.ArchiveFileName);
                SyncLocked();
                if (BoardError is not null && _lastGood is not null)
                {
                    // Nothing good was read this run: serve the local copy of the last good board.
                    BoardState served = Current.Clone();
                    BoardMerger.Merge(served, _lastGood);
                    Publish(served);
                }
            }

            FolderError = null;
            _loaded = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FolderError = $"{_settings.Folder}: {ex.Message}";
            _logger.LogError(ex, "Task folder {Folder} is not usable", _settings.Folder);
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
        _lock.Dispose();
        _loadGate.Dispose();
    }

    private void Publish(BoardState state) => Volatile.Write(ref _current, state);
}

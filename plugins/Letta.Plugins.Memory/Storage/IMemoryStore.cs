using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Search;

namespace Letta.Plugins.Memory.Storage;

/// <summary>
/// The provider seam: one implementation per database. Every write commits the change and its history row in
/// one transaction, so a failed write leaves nothing behind. The one exception is the bulk import: an imported
/// memory's first version lives only in its row until its first change copies it into history.
/// </summary>
internal interface IMemoryStore
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>Creates or migrates the schema; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The schema version in the database (0 when none) and the one this build expects.</summary>
    Task<(int Current, int Expected)> GetSchemaVersionAsync(CancellationToken cancellationToken);

    Task InsertAsync(MemoryRecord memory, string historyEvent, CancellationToken cancellationToken);

    Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the current row; bumps the version and appends history.</summary>
    Task<MemoryRecord> UpdateAsync(string id, long? expectedVersion, Func<MemoryRecord, MemoryRecord> change, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the row; history keeps a snapshot under the returned (bumped) version.</summary>
    Task<MemoryRecord> DeleteAsync(string id, long? expectedVersion, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Makes the snapshot of <paramref name="fromVersion"/> (default: the latest) current again as a new version.</summary>
    Task<MemoryRecord> RestoreAsync(string id, long? fromVersion, long? expectedVersion, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>All history of a memory, oldest first; empty when the id was never stored.</summary>
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken);

    Task<ListPage> ListAsync(MemoryFilter filter, ListCursor? after, int limit, CancellationToken cancellationToken);

    Task<SearchResult> SearchAsync(SearchQuery query, MemoryFilter filter, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="ids"/> are in use (stored now or in history).</summary>
    Task<IReadOnlySet<string>> FindKnownIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>How many import batches may commit concurrently (SQLite has one writer).</summary>
    int ImportParallelism { get; }

    /// <summary>
    /// Inserts new memories, all or nothing, without history rows: the history of an unchanged imported memory is
    /// its live row, and the first update, delete or restore copies it into history first.
    /// </summary>
    Task InsertBatchAsync(IReadOnlyList<MemoryRecord> batch, CancellationToken cancellationToken);

    /// <summary>Refreshes planner statistics after a bulk change (PostgreSQL <c>ANALYZE</c>, SQLite <c>PRAGMA optimize</c>).</summary>
    Task OptimizeAsync(CancellationToken cancellationToken);

    /// <summary>Every memory, oldest first, streamed.</summary>
    IAsyncEnumerable<MemoryRecord> ExportAsync(CancellationToken cancellationToken);
}

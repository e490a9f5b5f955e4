using System.Data.Common;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Search;
using Letta.Plugins.Memory.Service;

namespace Letta.Plugins.Memory.Storage;

/// <summary>
/// The write algorithms (optimistic concurrency, history, restore) written once over ADO.NET; each provider
/// supplies connections, value conversions and the SQL that differs (filters, search, bulk insert).
/// Row columns are always selected in the order of <see cref="Columns"/>.
/// </summary>
internal abstract partial class RelationalMemoryStore : IMemoryStore
{
    protected const string Columns = "m.id, m.title, m.content, m.tags, m.metadata, m.source, m.created_at, m.updated_at, m.version";

    public abstract string Provider { get; }

    /// <summary>The migration scripts of this provider, in order (embedded <c>Storage/Migrations/{folder}/NNNN_*.sql</c>).</summary>
    protected IReadOnlyList<(int Version, string Sql)> Migrations => LoadMigrations(MigrationFolder);

    protected abstract string MigrationFolder { get; }

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    public abstract Task<(int Current, int Expected)> GetSchemaVersionAsync(CancellationToken cancellationToken);

    public abstract Task<SearchResult> SearchAsync(SearchQuery query, MemoryFilter filter, int offset, int limit, CancellationToken cancellationToken);

    public abstract Task OptimizeAsync(CancellationToken cancellationToken);

    public virtual int ImportParallelism => 1;

    public abstract Task InsertBatchAsync(IReadOnlyList<MemoryRecord> batch, CancellationToken cancellationToken);

    public abstract Task<IReadOnlySet<string>> FindKnownIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Opens a pooled connection; <paramref name="filter"/> says whether metadata functions are needed.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken, MemoryFilter? filter = null);

    protected abstract Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>SQL suffix that locks the selected row for the transaction (PostgreSQL <c>FOR UPDATE</c>).</summary>
    protected abstract string LockSuffix { get; }

    protected abstract void AddTags(DbCommand cmd, string name, IReadOnlyList<string> tags);

    protected abstract void AddMetadata(DbCommand cmd, string name, string json);

    protected abstract void AddTime(DbCommand cmd, string name, DateTimeOffset value);

    protected abstract IReadOnlyList<string> ReadTags(DbDataReader reader, int ordinal);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Appends <c> AND …</c> conditions on alias <c>m</c> for the filter, adding parameters to <paramref name="cmd"/>.</summary>
    protected abstract string RenderFilter(MemoryFilter filter, DbCommand cmd);

    protected abstract bool IsUniqueViolation(Exception exception);

    /// <summary>The filters whose SQL is the same on both providers: source and the created/updated ranges.</summary>
    protected void AppendSourceAndTimeFilters(System.Text.StringBuilder sb, DbCommand cmd, MemoryFilter filter)
    {
        if (filter.Source is not null)
        {
            sb.Append(" AND m.source = @source_filter");
            Add(cmd, "@source_filter", filter.Source);
        }

        AppendRange(sb, cmd, "m.created_at >= @created_from", "@created_from", filter.CreatedFrom);
        AppendRange(sb, cmd, "m.created_at < @created_to", "@created_to", filter.CreatedTo);
        AppendRange(sb, cmd, "m.updated_at >= @updated_from", "@updated_from", filter.UpdatedFrom);
        AppendRange(sb, cmd, "m.updated_at < @updated_to", "@updated_to", filter.UpdatedTo);
    }

    protected static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    protected MemoryRecord ReadRecord(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        ReadTags(r, 3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        ReadTime(r, 6),
        ReadTime(r, 7),
        r.GetInt64(8));

    public async Task InsertAsync(MemoryRecord memory, string historyEvent, CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken);
        try
        {
            await InsertRowAsync(scope, memory, cancellationToken);
            await AppendHistoryAsync(scope, historyEvent, memory.UpdatedAt, memory, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            throw new MemoryConflictException($"A memory with id '{memory.Id}' exists or existed.", 0);
        }
    }

    public async Task<MemoryRecord> UpdateAsync(string id, long? expectedVersion, Func<MemoryRecord, MemoryRecord> change, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken);
        var current = await ReadForUpdateAsync(scope, id, cancellationToken) ?? throw NotFound(id);
        CheckVersion(expectedVersion, current.Version);
        await MaterializeImportedVersionAsync(scope, id, cancellationToken);
        var next = change(current) with { Id = current.Id, CreatedAt = current.CreatedAt, UpdatedAt = at, Version = current.Version + 1 };
        await UpdateRowAsync(scope, next, cancellationToken);
        await AppendHistoryAsync(scope, HistoryEvents.Update, at, next, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return next;
    }

    public async Task<MemoryRecord> DeleteAsync(string id, long? expectedVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken);
        var current = await ReadForUpdateAsync(scope, id, cancellationToken) ?? throw NotFound(id);
        CheckVersion(expectedVersion, current.Version);
        await MaterializeImportedVersionAsync(scope, id, cancellationToken);
        var tombstone = current with { UpdatedAt = at, Version = current.Version + 1 };
        await using (var cmd = scope.Command("DELETE FROM memories WHERE id = @id"))
        {
            Add(cmd, "@id", id);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await AppendHistoryAsync(scope, HistoryEvents.Delete, at, tombstone, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return tombstone;
    }

    public async Task<MemoryRecord> RestoreAsync(string id, long? fromVersion, long? expectedVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await BeginWriteAsync(cancellationToken);
        var current = await ReadForUpdateAsync(scope, id, cancellationToken);
        if (current is not null)
        {
            await MaterializeImportedVersionAsync(scope, id, cancellationToken);
        }

        var latest = await LatestHistoryVersionAsync(scope, id, cancellationToken);
        if (current is null && latest == 0)
        {
            throw NotFound(id);
        }

        var currentVersion = current?.Version ?? latest;
        CheckVersion(expectedVersion, currentVersion);
        if (current is not null && fromVersion is null)
        {
            throw new MemoryValidationException("version", "The memory is not deleted: name the version to restore.");
        }

        var source = await ReadHistoryAsync(scope, id, fromVersion ?? latest, cancellationToken)
            ?? throw new MemoryNotFoundException($"Memory '{id}' has no version {fromVersion}.");
        var restored = source.Snapshot with
        {
            CreatedAt = current?.CreatedAt ?? source.Snapshot.CreatedAt,
            UpdatedAt = at,
            Version = Math.Max(currentVersion, latest) + 1,
        };
        try
        {
            if (current is null)
            {
                await InsertRowAsync(scope, restored, cancellationToken);
            }
            else
            {
                await UpdateRowAsync(scope, restored, cancellationToken);
            }

            await AppendHistoryAsync(scope, HistoryEvents.Restore, at, restored, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            // Two restores of a deleted memory raced; the other one won.
            throw new MemoryConflictException($"Memory '{id}' changed while it was being restored.", currentVersion + 1);
        }

        return restored;
    }

    protected async Task InsertRowAsync(WriteScope scope, MemoryRecord m, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command(
            "INSERT INTO memories (id, title, content, tags, metadata, source, created_at, updated_at, version) " +
            "VALUES (@id, @title, @content, @tags, @metadata, @source, @created_at, @updated_at, @version)");
        AddRow(cmd, m);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddRow(DbCommand cmd, MemoryRecord m)
    {
        Add(cmd, "@id", m.Id);
        Add(cmd, "@title", m.Title);
        Add(cmd, "@content", m.Content);
        AddTags(cmd, "@tags", m.Tags);
        AddMetadata(cmd, "@metadata", m.MetadataJson);
        Add(cmd, "@source", m.Source);
        AddTime(cmd, "@created_at", m.CreatedAt);
        AddTime(cmd, "@updated_at", m.UpdatedAt);
        Add(cmd, "@version", m.Version);
    }

    private async Task UpdateRowAsync(WriteScope scope, MemoryRecord m, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command(
            "UPDATE memories SET title = @title, content = @content, tags = @tags, metadata = @metadata, source = @source, " +
            "created_at = @created_at, updated_at = @updated_at, version = @version WHERE id = @id");
        AddRow(cmd, m);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<MemoryRecord?> ReadForUpdateAsync(WriteScope scope, string id, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command($"SELECT {Columns} FROM memories m WHERE m.id = @id{LockSuffix}");
        Add(cmd, "@id", id);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? ReadRecord(r) : null;
    }

    private static void CheckVersion(long? expected, long current)
    {
        if (expected is not null && expected.Value != current)
        {
            throw new MemoryConflictException($"Version {expected} is stale; the current version is {current}.", current);
        }
    }

    private static MemoryNotFoundException NotFound(string id) => new($"No memory with id '{id}'.");

    private void AppendRange(System.Text.StringBuilder sb, DbCommand cmd, string condition, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            sb.Append(" AND ").Append(condition);
            AddTime(cmd, name, v);
        }
    }
}

using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Storage;

/// <summary>
/// The append-only history: one snapshot per version, written in the transaction of its change. An imported memory
/// that never changed has its only version in its live row (see <see cref="InsertBatchAsync"/>).
/// </summary>
internal abstract partial class RelationalMemoryStore
{
    /// <summary>True for a live row whose version has no history row yet: an imported, never-changed memory.</summary>
    private const string NotInHistory =
        "NOT EXISTS (SELECT 1 FROM memory_history x WHERE x.memory_id = m.id AND x.version = m.version)";

    private const string HistoryColumns =
        "h.memory_id, h.title, h.content, h.tags, h.metadata, h.source, h.created_at, h.changed_at, h.version, h.event";

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = conn.CreateCommand();
        // An imported, never-changed memory has its only version in the live row (see InsertBatchAsync).
        cmd.CommandText =
            $"SELECT {HistoryColumns} FROM memory_history h WHERE h.memory_id = @id " +
            $"UNION ALL SELECT {Columns}, '{HistoryEvents.Import}' FROM memories m WHERE m.id = @id AND {NotInHistory} " +
            "ORDER BY 9";
        Add(cmd, "@id", id);
        var list = new List<HistoryEntry>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var snapshot = ReadRecord(r);
            list.Add(new HistoryEntry(r.GetString(9), snapshot.UpdatedAt, snapshot));
        }

        return list;
    }

    protected async Task AppendHistoryAsync(WriteScope scope, string historyEvent, DateTimeOffset at, MemoryRecord m, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command(
            "INSERT INTO memory_history (memory_id, version, event, changed_at, title, content, tags, metadata, source, created_at) " +
            "VALUES (@id, @version, @event, @updated_at, @title, @content, @tags, @metadata, @source, @created_at)");
        AddRow(cmd, m with { UpdatedAt = at });
        Add(cmd, "@event", historyEvent);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Bulk imports store only the live row (see <see cref="InsertBatchAsync"/>); before the first change of such a
    /// memory, its imported version is copied into history in the same transaction, so no version is ever lost.
    /// A no-op for every other memory, whose live version is always in history already.
    /// </summary>
    private static async Task MaterializeImportedVersionAsync(WriteScope scope, string id, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command(
            "INSERT INTO memory_history (memory_id, version, event, changed_at, title, content, tags, metadata, source, created_at) " +
            $"SELECT m.id, m.version, '{HistoryEvents.Import}', m.updated_at, m.title, m.content, m.tags, m.metadata, m.source, m.created_at " +
            $"FROM memories m WHERE m.id = @id AND {NotInHistory}");
        Add(cmd, "@id", id);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> LatestHistoryVersionAsync(WriteScope scope, string id, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command("SELECT COALESCE(MAX(version), 0) FROM memory_history WHERE memory_id = @id");
        Add(cmd, "@id", id);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HistoryEntry?> ReadHistoryAsync(WriteScope scope, string id, long version, CancellationToken cancellationToken)
    {
        await using var cmd = scope.Command($"SELECT {HistoryColumns} FROM memory_history h WHERE h.memory_id = @id AND h.version = @version");
        Add(cmd, "@id", id);
        Add(cmd, "@version", version);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
        {
            return null;
        }

        var snapshot = ReadRecord(r);
        return new HistoryEntry(r.GetString(9), snapshot.UpdatedAt, snapshot);
    }
}

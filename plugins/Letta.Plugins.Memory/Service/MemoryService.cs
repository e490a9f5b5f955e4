using Letta.Memories;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Search;
using Letta.Plugins.Memory.Storage;

namespace Letta.Plugins.Memory.Service;

/// <summary>
/// The memory store's use cases: validates input, stamps ids and times, calls the provider and publishes hub events
/// after each commit. Endpoints, the hub handler and the CLI all go through here; bulk import goes through
/// <see cref="MemoryImporter"/>.
/// </summary>
internal sealed class MemoryService(
    IMemoryStore store,
    MemoryInputValidator validator,
    MemoryEvents events,
    TimeProvider time)
{
    public async Task<MemoryRecord> CreateAsync(MemoryInput input, CancellationToken cancellationToken)
    {
        var draft = validator.ValidateDraft(input);
        var now = Now();
        var memory = new MemoryRecord(MemoryIds.New(), draft.Title, draft.Content, draft.Tags, draft.MetadataJson, draft.Source, now, now, 1);
        await store.InsertAsync(memory, HistoryEvents.Create, cancellationToken);
        await events.PublishAsync(new MemoryCreated(memory.Id, memory.Title, memory.Tags, memory.Source, memory.Version, now), cancellationToken);
        return memory;
    }

    public async Task<MemoryRecord> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) ?? throw new MemoryNotFoundException($"No memory with id '{id}'.");

    public async Task<MemoryRecord> ReplaceAsync(string id, MemoryInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        var draft = validator.ValidateDraft(input);
        var updated = await store.UpdateAsync(
            id,
            expectedVersion ?? input.Version,
            current => current with { Title = draft.Title, Content = draft.Content, Tags = draft.Tags, MetadataJson = draft.MetadataJson, Source = draft.Source },
            Now(),
            cancellationToken);
        await PublishUpdatedAsync(updated, cancellationToken);
        return updated;
    }

    public async Task<MemoryRecord> PatchAsync(string id, MemoryInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        var patch = validator.ValidatePatch(input);
        var updated = await store.UpdateAsync(id, expectedVersion ?? input.Version, patch.ApplyTo, Now(), cancellationToken);
        await PublishUpdatedAsync(updated, cancellationToken);
        return updated;
    }

    public async Task<MemoryRecord> DeleteAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var tombstone = await store.DeleteAsync(id, expectedVersion, Now(), cancellationToken);
        await events.PublishAsync(new MemoryDeleted(tombstone.Id, tombstone.Version, tombstone.UpdatedAt), cancellationToken);
        return tombstone;
    }

    public async Task<MemoryRecord> RestoreAsync(string id, long? fromVersion, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (fromVersion is < 1)
        {
            throw new MemoryValidationException("version", "The version must be a positive whole number.");
        }

        var restored = await store.RestoreAsync(id, fromVersion, expectedVersion, Now(), cancellationToken);
        await PublishUpdatedAsync(restored, cancellationToken);
        return restored;
    }

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync(id, cancellationToken);
        return history.Count == 0 ? throw new MemoryNotFoundException($"No memory with id '{id}'.") : history;
    }

    public async Task<(IReadOnlyList<MemoryRecord> Items, string? NextCursor)> ListAsync(MemoryFilter filter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var after = CursorCodec.DecodeList(cursor);
        var size = validator.CheckLimit(limit);
        validator.ValidateFilter(filter);
        var page = await store.ListAsync(filter, after, size, cancellationToken);
        return (page.Items, page.Next is null ? null : CursorCodec.EncodeList(page.Next));
    }

    public async Task<(IReadOnlyList<SearchHitRecord> Items, string? NextCursor)> SearchAsync(string? q, MemoryFilter filter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = SearchQueryParser.Parse(q);
        var offset = CursorCodec.DecodeSearch(cursor);
        var size = validator.CheckLimit(limit);
        validator.ValidateFilter(filter);
        var result = await store.SearchAsync(query, filter, offset, size, cancellationToken);
        return (result.Items, result.HasMore ? CursorCodec.EncodeSearch(offset + result.Items.Count) : null);
    }

    public IAsyncEnumerable<MemoryRecord> ExportAsync(CancellationToken cancellationToken) => store.ExportAsync(cancellationToken);

    private DateTimeOffset Now() => MemoryTime.Normalize(time.GetUtcNow());

    private Task PublishUpdatedAsync(MemoryRecord m, CancellationToken cancellationToken) =>
        events.PublishAsync(new MemoryUpdated(m.Id, m.Title, m.Tags, m.Version, m.UpdatedAt), cancellationToken);
}

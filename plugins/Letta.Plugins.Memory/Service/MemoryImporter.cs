using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Letta.Memories;
using Letta.Plugins.Memory.Hosting;
using Letta.Plugins.Memory.Model;
using Letta.Plugins.Memory.Options;
using Letta.Plugins.Memory.Storage;
using Microsoft.Extensions.Options;

namespace Letta.Plugins.Memory.Service;

/// <summary>
/// The import pipeline: NDJSON in, one memory per line, streamed into the store in batches, with a report of what
/// was imported and which lines were not (and why). Beside <see cref="MemoryService"/>, which serves single changes.
/// </summary>
internal sealed class MemoryImporter(
    IMemoryStore store,
    MemoryInputValidator validator,
    IOptions<MemoryOptions> options,
    MemoryEvents events,
    TimeProvider time,
    ImportOptimizer optimizer)
{
    /// <summary>Detailed failures kept for the response; beyond this only the count grows (and the response says so).</summary>
    public const int MaxReportedFailures = 1_000;

    /// <summary>Imports at least this large schedule a background optimisation (vacuum, statistics) when they finish.</summary>
    public const int OptimizeAfterImported = 5_000;

    /// <summary>
    /// Imports NDJSON, one memory per line, streamed. Each line is validated on its own (bad lines are reported by
    /// line number and skipped); the valid lines of a batch commit together or not at all.
    /// </summary>
    /// <remarks>
    /// One reader parses and validates lines into batches; <see cref="Storage.IMemoryStore.ImportParallelism"/> writers
    /// commit them. The reader parses one batch ahead of the writers, so a writer that finishes a batch finds the next
    /// one ready instead of waiting for it to be parsed: at most parallelism + 2 batches are in memory at once.
    /// </remarks>
    public async Task<ImportOutcome> ImportAsync(Stream body, CancellationToken cancellationToken)
    {
        var outcome = new ImportOutcome();
        var pendingIds = new HashSet<string>(StringComparer.Ordinal);
        var ready = Channel.CreateBounded<List<PendingLine>>(new BoundedChannelOptions(1) { SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writers = Enumerable.Range(0, store.ImportParallelism)
            .Select(_ => WriteBatchesAsync(ready.Reader, outcome, pendingIds, stop, cancellationToken))
            .ToArray();

        Exception? readFailure = null;
        try
        {
            await ReadBatchesAsync(body, ready.Writer, outcome, pendingIds, stop.Token);
        }
#pragma warning disable CA1031 // rethrown below, once the writers have finished their batches
        catch (Exception ex)
#pragma warning restore CA1031
        {
            readFailure = ex;
        }

        ready.Writer.TryComplete();
        try
        {
            await Task.WhenAll(writers);
        }
#pragma warning disable CA1031 // inspected below: a writer's own failure outranks the read failure it caused
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (writers.FirstOrDefault(w => w.IsFaulted) is { } broken)
        {
            ExceptionDispatchInfo.Capture(broken.Exception!.InnerException!).Throw();
        }

        if (readFailure is not null)
        {
            ExceptionDispatchInfo.Capture(readFailure).Throw();
        }

        if (writers.Any(w => w.IsCanceled))
        {
            // The caller went away while the last batches were being written; what committed is in the store.
            throw new OperationCanceledException(cancellationToken);
        }

        if (outcome.Imported >= OptimizeAfterImported)
        {
            // A bulk load changes the data's shape; fresh statistics keep the planner on the GIN indexes. The data
            // is committed and searchable already, so the (long) vacuum runs off the request path.
            optimizer.Request();
        }

        return outcome;
    }

    private async Task ReadBatchesAsync(Stream body, ChannelWriter<List<PendingLine>> ready, ImportOutcome outcome, HashSet<string> pendingIds, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.ImportBatchSize;
        using var reader = new BoundedLineReader(body, options.Value.MaxContentLength * 2 + 256 * 1024);
        var batch = new List<PendingLine>(batchSize);
        long lineNumber = 0;
        while (true)
        {
            var (line, tooLong) = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            lineNumber++;
            if (tooLong)
            {
                outcome.Fail(lineNumber, "line", "The line is too long.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = ParseLine(line, lineNumber, outcome);
            if (parsed is { ExplicitId: true } && !TryReserve(pendingIds, parsed.Value.Memory.Id))
            {
                outcome.Fail(lineNumber, "id", $"The id '{parsed.Value.Memory.Id}' appears on an earlier line of this import.");
            }
            else if (parsed is not null)
            {
                batch.Add(new PendingLine(lineNumber, parsed.Value.Memory, parsed.Value.ExplicitId));
            }

            if (batch.Count >= batchSize)
            {
                await ready.WriteAsync(batch, cancellationToken);
                batch = new List<PendingLine>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            await ready.WriteAsync(batch, cancellationToken);
        }
    }

    /// <summary>
    /// Commits batches until the reader is done. Batches already parsed are still committed after a read failure
    /// (they are whole); a writer that fails stops the reader, which would otherwise wait for it forever.
    /// </summary>
    private async Task WriteBatchesAsync(ChannelReader<List<PendingLine>> ready, ImportOutcome outcome, HashSet<string> pendingIds, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in ready.ReadAllAsync(CancellationToken.None))
            {
                await FlushAndReleaseAsync(batch, outcome, pendingIds, cancellationToken);
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private (MemoryRecord Memory, bool ExplicitId)? ParseLine(string line, long lineNumber, ImportOutcome outcome)
    {
        try
        {
            using var doc = MemoryJsonReader.Parse(line, "json");
            var input = MemoryJsonReader.Read(doc.RootElement, importFields: true);
            var draft = validator.ValidateDraft(input);
            var now = MemoryTime.Normalize(time.GetUtcNow());
            var created = input.CreatedAt ?? input.UpdatedAt ?? now;
            var updated = input.UpdatedAt ?? created;
            if (updated < created)
            {
                throw new MemoryValidationException("updatedAt", "The updatedAt must not be before createdAt.");
            }

            var memory = new MemoryRecord(input.Id ?? MemoryIds.New(), draft.Title, draft.Content, draft.Tags, draft.MetadataJson, draft.Source, created, updated, 1);
            return (memory, input.Id is not null);
        }
        catch (MemoryValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                outcome.Fail(lineNumber, field == "body" ? "json" : field, string.Join(" ", messages));
            }

            return null;
        }
    }

    private static bool TryReserve(HashSet<string> pendingIds, string id)
    {
        lock (pendingIds)
        {
            return pendingIds.Add(id);
        }
    }

    /// <summary>Flushes, then forgets the batch's explicit ids: once committed, the database reports duplicates.</summary>
    private async Task FlushAndReleaseAsync(List<PendingLine> batch, ImportOutcome outcome, HashSet<string> pendingIds, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(batch, outcome, cancellationToken);
        }
        finally
        {
            lock (pendingIds)
            {
                foreach (var (_, memory, explicitId) in batch)
                {
                    if (explicitId)
                    {
                        pendingIds.Remove(memory.Id);
                    }
                }
            }
        }
    }

    private async Task FlushAsync(List<PendingLine> batch, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var explicitIds = batch.Where(b => b.ExplicitId).Select(b => b.Memory.Id).ToList();
        var known = await store.FindKnownIdsAsync(explicitIds, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<MemoryRecord>(batch.Count);
        foreach (var (line, memory, explicitId) in batch)
        {
            if (explicitId && known.Contains(memory.Id))
            {
                outcome.Fail(line, "id", $"A memory with id '{memory.Id}' exists or existed; delete its line or its id to import it as new.");
            }
            else if (!seen.Add(memory.Id))
            {
                outcome.Fail(line, "id", $"The id '{memory.Id}' appears on an earlier line of this import.");
            }
            else
            {
                accepted.Add(memory);
            }
        }

        var first = batch[0].Line;
        var last = batch[^1].Line;
        if (accepted.Count == 0)
        {
            return;
        }

        try
        {
            await store.InsertBatchAsync(accepted, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch's transaction rolled back: nothing of it is stored. Earlier batches stay committed.
            outcome.Fail(first, "batch", $"Lines {first}–{last} were not imported ({accepted.Count} memories): {ex.GetType().Name}: {FirstLine(ex.Message)}");
            return;
        }

        outcome.AddImported(accepted.Count);
        foreach (var m in accepted)
        {
            await events.PublishAsync(new MemoryCreated(m.Id, m.Title, m.Tags, m.Source, m.Version, m.UpdatedAt), cancellationToken);
        }
    }

    /// <summary>A parsed, valid line waiting for its batch to be committed.</summary>
    private readonly record struct PendingLine(long Line, MemoryRecord Memory, bool ExplicitId);

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}

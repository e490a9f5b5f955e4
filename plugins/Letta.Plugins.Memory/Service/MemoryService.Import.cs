using System.Text.Json;
using Letta.Memories;
using Letta.Plugins.Memory.Model;

namespace Letta.Plugins.Memory.Service;

internal sealed partial class MemoryService
{
    /// <summary>Detailed failures kept for the response; beyond this only the count grows (and the response says so).</summary>
    public const int MaxReportedFailures = 1_000;

    /// <summary>Imports at least this large schedule a background optimisation (vacuum, statistics) when they finish.</summary>
    public const int OptimizeAfterImported = 5_000;

    /// <summary>
    /// Imports NDJSON, one memory per line, streamed. Each line is validated on its own (bad lines are reported by
    /// line number and skipped); the valid lines of a batch commit together or not at all.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(Stream body, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.ImportBatchSize;
        var reader = new BoundedLineReader(body, options.Value.MaxContentLength * 2 + 256 * 1024);
        var outcome = new ImportOutcome();
        var batch = new List<(long Line, MemoryRecord Memory, bool ExplicitId)>(batchSize);
        var inFlight = new Queue<Task>();
        var pendingIds = new HashSet<string>(StringComparer.Ordinal);
        long lineNumber = 0;
        try
        {
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
                    batch.Add((lineNumber, parsed.Value.Memory, parsed.Value.ExplicitId));
                }

                if (batch.Count >= batchSize)
                {
                    // Batches are flushed while the next ones are parsed, so the database works while this side
                    // reads and validates; at most ImportParallelism batches are in flight.
                    while (inFlight.Count >= store.ImportParallelism)
                    {
                        await inFlight.Dequeue();
                    }

                    inFlight.Enqueue(FlushAndReleaseAsync([.. batch], outcome, pendingIds, cancellationToken));
                    batch.Clear();
                }
            }
        }
        catch
        {
            // Never leave the batch in flight unobserved; its own failure is already in the outcome.
            try
            {
                await Task.WhenAll(inFlight);
            }
#pragma warning disable CA1031 // the original exception is the one to surface
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await Task.WhenAll(inFlight);
        await FlushAsync(batch, outcome, cancellationToken);
        if (outcome.Imported >= OptimizeAfterImported)
        {
            // A bulk load changes the data's shape; fresh statistics keep the planner on the GIN indexes. The data
            // is committed and searchable already, so the (long) vacuum runs off the request path.
            optimizer.Request();
        }

        return outcome;
    }

    private (MemoryRecord Memory, bool ExplicitId)? ParseLine(string line, long lineNumber, ImportOutcome outcome)
    {
        try
        {
            using var doc = MemoryJsonReader.Parse(line, "json");
            var input = MemoryJsonReader.Read(doc.RootElement, importFields: true);
            var draft = validator.ValidateDraft(input);
            var now = Now();
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
    private async Task FlushAndReleaseAsync(List<(long Line, MemoryRecord Memory, bool ExplicitId)> batch, ImportOutcome outcome, HashSet<string> pendingIds, CancellationToken cancellationToken)
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

    private async Task FlushAsync(List<(long Line, MemoryRecord Memory, bool ExplicitId)> batch, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        await Task.Yield(); // let the reader go on parsing the next batch
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
            await PublishAsync(new MemoryCreated(m.Id, m.Title, m.Tags, m.Source, m.Version, m.UpdatedAt), cancellationToken);
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
